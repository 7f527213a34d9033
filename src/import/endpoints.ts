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
 * The server's active Endpoints plus the inline ones. `undefined` while the first search is running; a change of
 * `refresh` searches again, keeping the previous answer until the new one is there.
 */
export function useKnownEndpoints(refresh = ''): KnownEndpoint[] | undefined {
  const { searchEndpoints, newEndpoints } = useEditor();
  const [server, setServer] = useState<KnownEndpoint[] | undefined>();
  useEffect(() => {
    let live = true;
    searchEndpoints('')
      .then((found) => found.filter((e) => e.id).map((e) => known(`Endpoint/${e.id ?? ''}`, e)))
      .catch(() => [])
      .then((list) => live && setServer(list));
    return () => {
      live = false;
    };
  }, [searchEndpoints, refresh]);
  return useMemo(() => {
    if (server === undefined) return undefined;
    return [...[...newEndpoints].map(([reference, endpoint]) => known(reference, endpoint)), ...server];
  }, [server, newEndpoints]);
}
