/**
 * The ids of the first two demo booths, fixed so that the booth device users `opsdeck hub-dev`
 * seeds (tests/fixtures/hub-double/users.ts, `app_metadata.booth_id`) are those booths in any
 * `opsdeck demo` database: a demo booth agent can sign in to the local hub as its own booth.
 */
export const HUB_DEMO_BOOTH_IDS = ['0193a000-0000-7000-8000-00000000b001', '0193a000-0000-7000-8000-00000000b002'] as const;
