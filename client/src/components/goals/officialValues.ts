/**
 * Official yearly figures (Kolada) of the plan, handed to every indicator chart below the goals
 * screen through a context, so the cards in between need not pass them along.
 */
import type { OfficialValue } from '@foljsam/domain';
import { type Accessor, createContext, useContext } from 'solid-js';

const none: Accessor<readonly OfficialValue[]> = () => [];

export const OfficialValuesContext = createContext<Accessor<readonly OfficialValue[]>>(none);

/** The plan's official values, live; empty outside the goals screen. */
export const useOfficialValues = (): Accessor<readonly OfficialValue[]> => useContext(OfficialValuesContext);
