// A portal's lists (v3 lists API): the app creates one list per quadrant. Names are unique per
// object type (a duplicate is a 409); membership is not evaluated, the definition is kept as sent.
import { z } from 'zod';
import { SandboxError } from './sandbox-types.ts';

export const ListCreateSchema = z.looseObject({
  name: z.string().min(1),
  objectTypeId: z.string().min(1),
  processingType: z.enum(['MANUAL', 'DYNAMIC', 'SNAPSHOT']),
  filterBranch: z.unknown().optional(),
  customProperties: z.record(z.string(), z.string()).optional(),
  listFolderId: z.number().optional(),
});
export type ListCreate = z.infer<typeof ListCreateSchema>;

export interface SandboxList {
  listId: string;
  listVersion: number;
  name: string;
  objectTypeId: string;
  processingType: string;
  processingStatus: string;
  filterBranch?: unknown;
  createdAt: string;
  updatedAt: string;
  filtersUpdatedAt: string;
  createdById: string;
  updatedById: string;
  size: number;
}

export class ListStore {
  private readonly lists = new Map<string, SandboxList>();
  private nextId = 1;

  constructor(private readonly now: () => number) {}

  private byName(objectTypeId: string, name: string): SandboxList | undefined {
    const lower = name.toLowerCase();
    return [...this.lists.values()].find((l) => l.objectTypeId === objectTypeId && l.name.toLowerCase() === lower);
  }

  create(input: ListCreate, userId: string): SandboxList {
    if (this.byName(input.objectTypeId, input.name)) {
      throw new SandboxError(409, 'OBJECT_ALREADY_EXISTS', `A list named '${input.name}' already exists.`);
    }
    const at = new Date(this.now()).toISOString();
    const list: SandboxList = {
      listId: String(this.nextId++), listVersion: 1, name: input.name, objectTypeId: input.objectTypeId,
      processingType: input.processingType, processingStatus: 'COMPLETE',
      ...(input.filterBranch !== undefined ? { filterBranch: input.filterBranch } : {}),
      createdAt: at, updatedAt: at, filtersUpdatedAt: at, createdById: userId, updatedById: userId, size: 0,
    };
    this.lists.set(list.listId, list);
    return list;
  }

  get(listId: string): SandboxList {
    const list = this.lists.get(listId);
    if (!list) throw new SandboxError(404, 'OBJECT_NOT_FOUND', `List ${listId} does not exist.`);
    return list;
  }

  getByName(objectTypeId: string, name: string): SandboxList {
    const list = this.byName(objectTypeId, name);
    if (!list) throw new SandboxError(404, 'OBJECT_NOT_FOUND', `List with name ${name} does not exist.`);
    return list;
  }

  updateFilters(listId: string, filterBranch: unknown): SandboxList {
    const list = this.get(listId);
    const at = new Date(this.now()).toISOString();
    const next = { ...list, filterBranch, listVersion: list.listVersion + 1, updatedAt: at, filtersUpdatedAt: at };
    this.lists.set(listId, next);
    return next;
  }

  remove(listId: string): void {
    this.get(listId);
    this.lists.delete(listId);
  }

  all(): SandboxList[] {
    return [...this.lists.values()];
  }
}
