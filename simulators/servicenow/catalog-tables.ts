import type { TableSchema } from './tables';

/**
 * The configuration tables an adoption reads (`tools/adopt`): the catalog item, its category and variables, the
 * variables' choices, roles, and the scripted pieces the servicenow stack declares. Column names are the platform's
 * dictionary names as the tylerhatton/servicenow provider writes them (checked against the provider's schema
 * snapshot under `schemas/`, not against an instance). Read-only: seeded through `options.tables`.
 */
const SYSTEM_COLUMNS = ['sys_id', 'sys_created_on', 'sys_created_by', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count', 'sys_class_name', 'sys_scope'];

function table(name: string, columns: readonly string[], references: Record<string, string> = {}): TableSchema {
  return { name, columns: new Set([...SYSTEM_COLUMNS, ...columns]), references, journals: new Set() };
}

export const CATALOG_TABLES: readonly TableSchema[] = [
  table('sc_catalog', ['title', 'description', 'active']),
  table('sc_category', ['title', 'description', 'sc_catalog', 'parent', 'active'], { sc_catalog: 'sc_catalog', parent: 'sc_category' }),
  table('sc_cat_item', ['name', 'short_description', 'description', 'sc_catalogs', 'category', 'active', 'roles'], { category: 'sc_category' }),
  table('item_option_new', ['name', 'question_text', 'cat_item', 'type', 'order', 'mandatory', 'active'], { cat_item: 'sc_cat_item' }),
  table('question_choice', ['question', 'value', 'text', 'order', 'inactive'], { question: 'item_option_new' }),
  table('sys_user_role', ['name', 'suffix', 'description', 'elevated_privilege']),
  table('sys_script_include', ['name', 'api_name', 'script', 'active', 'access']),
  table('sys_rest_message', ['name', 'rest_endpoint', 'description']),
  table('sys_rest_message_fn', ['function_name', 'rest_message', 'http_method', 'rest_endpoint'], { rest_message: 'sys_rest_message' }),
  table('sys_script', ['name', 'collection', 'when', 'active', 'script']),
  table('sys_properties', ['name', 'type', 'value', 'description']),
];
