/** The Endpoints the editor knows (the server's active ones and those created inline), resolved by reference. */
import type { Endpoint } from 'fhir/r4';
import { useEffect, useMemo, useState } from 'react';
import { useEditor } from '../form/context';

export interface KnownEndpoint {
  reference: string;
  name: string;
  address: string;
  /** The connection type code, e.g. `dicom-wado-rs`. */
  connectionType: string;
}

function known(reference: string, endpoint: Endpoint): KnownEndpoint {
  return {
    reference,
    name: endpoint.name ?? endpoint.address,
    address: endpoint.address,
    connectionType: endpoint.connectionType?.code ?? '',
  };
}

/**
 * The server's active Endpoints plus the inline ones; `enabled` false skips the server search (nothing
 * to resolve). `undefined` while the first search is running; a change of `refresh` searches again, keeping the
 * previous answer until the new one is there.
 */
export function useKnownEndpoints(enabled = true, refresh = ''): KnownEndpoint[] | undefined {
  const { searchEndpoints, newEndpoints } = useEditor();
  const [server, setServer] = useState<KnownEndpoint[] | undefined>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    searchEndpoints('')
      .then((found) => found.filter((e) => e.id).map((e) => known(`Endpoint/${e.id ?? ''}`, e)))
      .catch(() => [])
      .then((list) => live && setServer(list));
    return () => {
      live = false;
    };
  }, [enabled, searchEndpoints, refresh]);
  return useMemo(() => {
    const inline = [...newEndpoints].map(([reference, endpoint]) => known(reference, endpoint));
    if (!enabled) return inline;
    return server === undefined ? undefined : [...inline, ...server];
  }, [enabled, server, newEndpoints]);
}
