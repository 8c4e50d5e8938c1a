import "server-only";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import type { Store } from "@/lib/db/store";
import { toPublicUser } from "./user-schemas";

export async function createUser(
  store: Store,
  options: { email: string; role: Role; name?: string | null; password?: string | null },
) {
  const existing = await store.prisma.user.findUnique({ where: { email: options.email } });
  if (existing) throw new AppError("CONFLICT", `A user with email ${options.email} already exists.`);
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  try {
    const user = await store.prisma.user.create({
      data: { email: options.email, name: options.name ?? null, role: options.role, passwordHash },
    });
    return toPublicUser(user);
  } catch (err) {
    // Two admins creating the same email at once: the unique index decides.
    if ((err as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `A user with email ${options.email} already exists.`);
    throw err;
  }
}
