/** Reason code categories a user can ask for (`ReasonCodes?category=NOT_READY|LOGOUT`). */
export type ReasonCodeCategory = 'NOT_READY' | 'LOGOUT';

export interface ReasonCode {
  readonly id: number;
  readonly category: ReasonCodeCategory;
  readonly code: number;
  /** At most 40 characters (Finesse's limit). */
  readonly label: string;
  readonly forAll: boolean;
  /** Finesse's own reason codes (reported as `systemCode` true); default false. */
  readonly systemCode?: boolean;
}

/** The id Finesse reports in `reasonCodeId` when the state has no reason. */
export const NO_REASON_CODE = -1;

/** The label media blending looks for when the first chat arrives (docs/requirements.md, Media blending). */
export const HANDLING_CHAT_LABEL = 'Handling Chat';

/** A small, realistic catalog, global to all teams (`forAll`), as a UCCE lab would have it. */
export const DEFAULT_REASON_CODES: readonly ReasonCode[] = [
  { id: 1, category: 'NOT_READY', code: 1, label: 'Break', forAll: true },
  { id: 2, category: 'NOT_READY', code: 2, label: 'Lunch', forAll: true },
  { id: 3, category: 'NOT_READY', code: 3, label: 'Team Meeting', forAll: true },
  { id: 4, category: 'NOT_READY', code: 4, label: 'Training', forAll: true },
  { id: 5, category: 'NOT_READY', code: 5, label: 'After Call Follow-up', forAll: true },
  { id: 16, category: 'NOT_READY', code: 16, label: HANDLING_CHAT_LABEL, forAll: true },
  { id: 21, category: 'LOGOUT', code: 21, label: 'End of Shift', forAll: true },
  { id: 22, category: 'LOGOUT', code: 22, label: 'Personal Time', forAll: true },
  { id: 23, category: 'LOGOUT', code: 23, label: 'System Issue', forAll: true },
];

export interface ReasonCodeCatalog {
  list(category: ReasonCodeCategory): ReasonCode[];
  find(category: ReasonCodeCategory, id: number): ReasonCode | undefined;
}

export function createReasonCodeCatalog(
  codes: readonly ReasonCode[] = DEFAULT_REASON_CODES,
): ReasonCodeCatalog {
  return {
    list: (category) => codes.filter((code) => code.category === category),
    find: (category, id) => codes.find((code) => code.category === category && code.id === id),
  };
}

export function reasonCodeUri(code: ReasonCode): string {
  return `/finesse/api/ReasonCode/${code.id}`;
}
