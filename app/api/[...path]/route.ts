// /api/* that no route serves – a JSON 404 in the error envelope, never the HTML not-found page
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/api/with-route";

const notFound = () => errorResponse(new AppError("NOT_FOUND", "No such API route."));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
