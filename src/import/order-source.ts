/** Where the order picker and the DICOM review get the launch patient's orders: a context the page provides. */
import type { ServiceRequest } from 'fhir/r4';
import { createContext } from 'react';

/** One order as the picker lists it. */
export interface OrderChoice {
  order: ServiceRequest;
  /** The requester's name: the Practitioner's, or the name the order carries. */
  requester?: string;
}

export interface OrderSource {
  /** Why the orders cannot be listed (a missing permission, in plain words); undefined when they can. */
  unavailable?: string;
  /** The order a launch was for (`ServiceRequest/<id>`): linked and filled in as soon as the orders are loaded. */
  preselect?: string;
  load(): Promise<OrderChoice[]>;
}

/** The launch's source of orders, provided by the page around the editor; none: the picker is not shown. */
export const OrderSourceContext = createContext<OrderSource | undefined>(undefined);
