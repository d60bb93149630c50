// Compile-time only: the shipped types (types/hilo.d.ts) must match the contract the code implements.
// `tsc` fails here when one side changes without the other.
import type { HiloApi as Shipped, HiloEvents as ShippedEvents, HiloIdentity } from '../types/hilo';
import type { HiloApi, HiloEvents } from './contract';
import type { IdentifyInput } from '@hilo/shared';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const publicTypesMatch: [Same<keyof HiloApi, keyof Shipped>, Same<HiloEvents, ShippedEvents>, Same<IdentifyInput, HiloIdentity>] = [true, true, true];
