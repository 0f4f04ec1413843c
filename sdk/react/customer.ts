/** The customer client's state (`createCustomerClient`) in React, whole or a slice of it. */
import type { CustomerClient, CustomerState } from '../customer/customerTypes.ts';
import { useStore, type Equality, type Selector } from './useStore.ts';

/** `useCustomer(customer, (s) => s.config)` re-renders only when the queue's config changes. */
export function useCustomer<T = CustomerState>(
  customer: Pick<CustomerClient, 'getState' | 'subscribe'>,
  selector?: Selector<CustomerState, T>,
  equal?: Equality<T>,
): T {
  return useStore(customer, selector, equal);
}
