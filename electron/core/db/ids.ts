import { v7 as uuidv7 } from 'uuid';

/** Row ids are UUIDv7 made on the device: unique across devices, roughly time-ordered. */
export function newId(): string {
  return uuidv7();
}
