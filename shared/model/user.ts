import { z } from 'zod';
import { Role } from './roles.js';

export const User = z.object({
  id: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  role: Role,
  active: z.boolean(),
});
export type User = z.infer<typeof User>;
