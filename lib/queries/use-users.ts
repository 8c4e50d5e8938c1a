"use client";
import { useQuery } from "@tanstack/react-query";
import type { PublicUser } from "@/lib/users/user-schemas";
import { fetcher } from "./fetcher";
import { keys } from "./keys";

export function useUsers() {
  return useQuery({ queryKey: keys.users(), queryFn: ({ signal }) => fetcher<PublicUser[]>("/api/users", { signal }) });
}
