"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";

export type ClientActor = { email: string; name: string; role: Role };

const ActorContext = createContext<ClientActor | null>(null);

export function ActorProvider({ actor, children }: { actor: ClientActor; children: ReactNode }) {
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>;
}

/** The signed-in user, for the UI's permission hints (the server checks again). */
export function useActor(): ClientActor {
  const actor = useContext(ActorContext);
  if (!actor) throw new Error("useActor outside the signed-in shell");
  return actor;
}
