import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/roles";
import type { Store } from "@/lib/db/store";

export const DEMO_USERS = ROLES.map((role) => ({ email: `${role}@phoenix.local`, role, name: `Demo ${role}` }));

/** Development only (env refuses it in production): one user per role, password DEMO_PASSWORD. */
export async function seedDemoUsers(store: Store, password: string) {
  for (const u of DEMO_USERS) {
    const existing = await store.prisma.user.findUnique({ where: { email: u.email } });
    if (existing) continue;
    await store.prisma.user.create({ data: { ...u, passwordHash: await hashPassword(password) } });
  }
}
