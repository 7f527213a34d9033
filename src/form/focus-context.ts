import { createContext, useContext } from 'react';
import { FocusBus } from './focus';

export const FocusBusContext = createContext<FocusBus>(new FocusBus());

/** The editor's focus bus (see focus.ts). */
export function useFocusBus(): FocusBus {
  return useContext(FocusBusContext);
}
