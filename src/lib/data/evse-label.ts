/**
 * What a person reads for an EVSE: its OCPI `evse_id` ("DE*GSL*E1", kept as `Evse.name` by the
 * Locations import) or physical reference, else the id. An imported Location's `Evse.id` is the
 * OCPI `uid`, often a UUID nobody recognises; every list, plan and table should show this label.
 */
export function evseLabel(evse: { id: string; name?: string }): string {
  return evse.name?.trim() || evse.id;
}

/** The label of the EVSE with `id` among `evses` (the id itself when it is not there, e.g. a queued session's null → "—"). */
export function evseLabelOf({ evses, id }: { evses: readonly { id: string; name?: string }[]; id: string | null | undefined }): string {
  if (!id) return '—';
  const evse = evses.find((e) => e.id === id);
  return evse ? evseLabel(evse) : id;
}
