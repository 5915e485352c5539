// The sandbox's shared vocabulary: the object types it stores, a stored record, who made a change,
// and the change notices its store emits (which become webhook events).

export const OBJECT_TYPES = ['companies', 'deals', 'tasks', 'contacts', 'line_items', 'products'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** Who made a change, as HubSpot reports it on webhook events. */
export interface ChangeSource {
  /** CRM_UI, INTEGRATION, IMPORT, API, AUTOMATION_PLATFORM, … */
  changeSource: string;
  /** `userId:N` for a user, the app id as a string for an app. */
  sourceId?: string;
}

/** A user editing in HubSpot's UI: what the seeding helpers act as by default. */
export const UI_SOURCE: ChangeSource = { changeSource: 'CRM_UI', sourceId: 'userId:71234567' };

export interface StoredRecord {
  id: string;
  /** Only values that are set; every value a string (HubSpot's wire form). */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

interface ChangeBase {
  source: ChangeSource;
  occurredAt: number;
}

export type StoreChange =
  | (ChangeBase & { kind: 'creation' | 'deletion' | 'restore'; objectType: ObjectType; objectId: string })
  | (ChangeBase & { kind: 'propertyChange'; objectType: ObjectType; objectId: string; propertyName: string; propertyValue: string })
  | (ChangeBase & {
      kind: 'associationChange';
      fromType: ObjectType;
      fromId: string;
      toType: ObjectType;
      toId: string;
      removed: boolean;
      primary: boolean;
      /** The webhook's associationType when the pair alone does not say it (a parent link: PARENT_TO_CHILD_COMPANY…). */
      associationType?: string;
    })
  | (ChangeBase & { kind: 'merge'; objectType: ObjectType; primaryId: string; mergedIds: string[]; newId: string; propertiesMoved: number });

export type ChangeListener = (change: StoreChange) => void;

/** A refusal the HTTP layer turns into HubSpot's error body (status, category, message). */
export class SandboxError extends Error {
  override name = 'SandboxError';
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly context?: Record<string, string[]>,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}
