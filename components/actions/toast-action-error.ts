"use client";
import { toast } from "sonner";
import { isOutcomeUnknown, OUTCOME_UNKNOWN_HINT } from "@/lib/queries/use-action";

/** A failed action as a toast; one that got no answer is a warning, since it may have happened. */
export function toastActionError(error: Error) {
  if (isOutcomeUnknown(error)) toast.warning(`${error.message} ${OUTCOME_UNKNOWN_HINT}`, { duration: 15_000 });
  else toast.error(error.message);
}
