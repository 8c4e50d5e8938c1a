import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be an email address")).pipe(z.string().max(320));
export const roleSchema = z.enum(ROLES);
export const newPasswordSchema = z.string().min(8, "must be at least 8 characters").max(200);

export type PublicUser = {
  id: string;
  email: string;
  name: string | null;
  role: (typeof ROLES)[number];
  disabled: boolean;
  createdAt: string;
};

export function toPublicUser(u: {
  id: string;
  email: string;
  name: string | null;
  role: (typeof ROLES)[number];
  disabledAt: Date | null;
  createdAt: Date;
}): PublicUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabledAt !== null, createdAt: u.createdAt.toISOString() };
}
