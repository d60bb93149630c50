import { z } from 'zod';
import { LIMITS } from './limits.js';
import type { Agent } from './domain.js';

/** `POST /api/auth/login` body. */
export const loginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(LIMITS.email),
  password: z.string().min(1).max(LIMITS.password.max),
});
export type LoginBody = z.input<typeof loginSchema>;

/** `GET /api/auth/me` and the login answer. */
export interface SessionInfo {
  agent: Agent;
}

/** Error body of every failed HTTP call. */
export interface HttpErrorBody {
  error: { code: string; message: string };
}
