import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import {
  Entity,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { UsageError } from './errors';

/** The service's entity and the other entities declared next to it. */
export interface LoadedEntity {
  entity: Entity;
  /** Other entities in the same file (APIs, resources), offered to the catalog checks. */
  others: Entity[];
}

const policies = [
  new SchemaValidEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
];

/**
 * Reads a catalog-info.yaml. When it declares several entities, the service is
 * the only Component in it, or the only entity.
 */
export async function loadEntityFile(file: string): Promise<LoadedEntity> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `Cannot read the entity file ${file}: ${(error as Error).message}`,
    );
  }
  const documents = parseAllDocuments(text);
  const entities: Entity[] = [];
  for (const [index, doc] of documents.entries()) {
    if (doc.errors.length > 0) {
      throw new UsageError(
        `The entity file ${file} is not valid YAML (document ${index + 1}): ${
          doc.errors[0].message
        }`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    let entity: Entity = value;
    for (const policy of policies) {
      try {
        entity = (await policy.enforce(entity)) ?? entity;
      } catch (error) {
        throw new UsageError(
          `The entity file ${file} does not hold a valid catalog entity (document ${
            index + 1
          }): ${(error as Error).message}`,
        );
      }
    }
    entities.push(entity);
  }
  if (entities.length === 0) {
    throw new UsageError(`The entity file ${file} declares no entity.`);
  }
  const components = entities.filter(e => e.kind.toLowerCase() === 'component');
  let entity: Entity | undefined;
  if (entities.length === 1) {
    entity = entities[0];
  } else if (components.length === 1) {
    entity = components[0];
  }
  if (!entity) {
    throw new UsageError(
      `The entity file ${file} declares ${entities.length} entities and ${components.length} Components; keep the service's Component alone or as the only Component.`,
    );
  }
  return { entity, others: entities.filter(e => e !== entity) };
}
