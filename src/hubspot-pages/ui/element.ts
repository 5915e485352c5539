// createElement for the pages, written without JSX so the repository's TypeScript checks them as is
// (like the card): children go after the props, and TypeScript is told so, since HubSpot's
// components declare `children` as a required prop.
import { createElement, type JSXElementConstructor, type Key, type ReactElement, type ReactNode } from 'react';

type PropsOf<C> = C extends JSXElementConstructor<infer P> ? P : never;
/** Omit that keeps a union of prop shapes (a paginated Table or not) a union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function h<C extends JSXElementConstructor<never>>(
  type: C,
  props: (OmitEach<PropsOf<C>, 'children'> & { key?: Key }) | null,
  ...children: ReactNode[]
): ReactElement {
  return createElement(type as JSXElementConstructor<unknown>, props as object, ...children);
}
