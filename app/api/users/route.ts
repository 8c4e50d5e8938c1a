import { withRoute } from "@/lib/api/with-route";
import { withStore } from "@/lib/db/store";
import { listUsers } from "@/lib/users/update-user";

export const dynamic = "force-dynamic";

// GET /api/users – everyone who can sign in (admins only); changes go through /api/actions/users.*
export const GET = withRoute(async () => withStore(listUsers), { permission: "users.read" });
