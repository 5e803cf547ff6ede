import { keccak256, stringToBytes, type Hex } from 'viem';

/** Parameters of {@link toBytes32Id}. */
export type ToBytes32IdParameters = { id: string };

/**
 * The bytes32 the ledger uses for a session, site or station id: keccak256 of the id's UTF-8 bytes
 * (ids of any length fit; the id string itself stays off-chain).
 * @example toBytes32Id({ id: 'session-42' })
 */
export function toBytes32Id({ id }: ToBytes32IdParameters): Hex {
  return keccak256(stringToBytes(id));
}
