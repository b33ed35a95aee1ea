/**
 * The functions and operators a question's SQL may use: an explicit list of PostgreSQL built-ins,
 * by category. Anything else is refused by name. A deny-list always has gaps (`txid_current()`,
 * `pg_stat_get_activity(NULL)`, `current_setting(...)`, `pg_prewarm` were missed by one), and a new
 * PostgreSQL release or extension adds functions nobody reviewed; an allow-list fails closed.
 *
 * Names are matched lower-cased and unqualified or qualified with pg_catalog only: a function of the
 * same name in another schema is not the built-in (guard-walk.ts refuses those). Checked against
 * `pg_proc` of PostgreSQL 18. A function belongs here only when it computes from its arguments (and
 * the clock or a random source): nothing that reads server state, sessions, catalogs, files or
 * settings, and nothing that takes SQL or a relation name as a string.
 */
const CATEGORIES: Record<string, readonly string[]> = {
  aggregate: [
    "avg", "bit_and", "bit_or", "bit_xor", "bool_and", "bool_or", "count", "every", "max", "min", "sum", "any_value",
    "array_agg", "string_agg", "json_agg", "jsonb_agg", "json_agg_strict", "jsonb_agg_strict", "json_object_agg", "jsonb_object_agg",
    "json_object_agg_strict", "jsonb_object_agg_strict", "json_object_agg_unique", "jsonb_object_agg_unique",
    "json_object_agg_unique_strict", "jsonb_object_agg_unique_strict", "range_agg", "range_intersect_agg",
    "corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope",
    "regr_sxx", "regr_sxy", "regr_syy", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
    "mode", "percentile_cont", "percentile_disc", "grouping",
  ],
  window: ["row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value"],
  math: [
    "abs", "cbrt", "ceil", "ceiling", "degrees", "div", "erf", "erfc", "exp", "factorial", "floor", "gcd", "lcm", "ln", "log", "log10",
    "min_scale", "mod", "pi", "power", "pow", "radians", "round", "scale", "sign", "sqrt", "trim_scale", "trunc", "width_bucket",
    "random", "random_normal", "acos", "acosd", "asin", "asind", "atan", "atand", "atan2", "atan2d", "cos", "cosd", "cot", "cotd",
    "sin", "sind", "tan", "tand", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "greatest", "least",
  ],
  string: [
    "ascii", "bit_length", "btrim", "char_length", "character_length", "chr", "concat", "concat_ws", "format", "initcap", "left",
    "length", "lower", "lpad", "ltrim", "md5", "normalize", "is_normalized", "octet_length", "overlay", "position", "quote_ident",
    "quote_literal", "quote_nullable", "repeat", "replace", "reverse", "right", "rpad", "rtrim", "split_part", "starts_with",
    "string_to_array", "string_to_table", "strpos", "substr", "substring", "to_hex", "to_oct", "to_bin", "to_ascii", "translate",
    "upper", "unistr", "casefold", "encode", "decode", "sha224", "sha256", "sha384", "sha512", "get_bit", "get_byte", "bit_count",
    "regexp_count", "regexp_instr", "regexp_like", "regexp_match", "regexp_matches", "regexp_replace", "regexp_split_to_array",
    "regexp_split_to_table", "regexp_substr", "similar_to_escape", "like_escape", "gen_random_uuid", "uuidv4", "uuidv7",
    "to_tsvector", "to_tsquery", "plainto_tsquery", "phraseto_tsquery", "websearch_to_tsquery", "ts_rank", "ts_rank_cd",
    "ts_headline", "setweight", "numnode", "querytree", "strip", "array_to_tsvector", "tsvector_to_array",
  ],
  "date/time": [
    "age", "clock_timestamp", "date_add", "date_bin", "date_part", "date_subtract", "date_trunc", "extract", "isfinite",
    "justify_days", "justify_hours", "justify_interval", "make_date", "make_interval", "make_time", "make_timestamp",
    "make_timestamptz", "now", "statement_timestamp", "timeofday", "transaction_timestamp", "to_timestamp", "to_date", "to_char",
    "to_number", "timezone", "overlaps", "generate_series", "generate_subscripts",
  ],
  json: [
    "to_json", "to_jsonb", "array_to_json", "row_to_json", "json_build_array", "jsonb_build_array", "json_build_object",
    "jsonb_build_object", "json_object", "jsonb_object", "json_array_elements", "jsonb_array_elements", "json_array_elements_text",
    "jsonb_array_elements_text", "json_array_length", "jsonb_array_length", "json_each", "jsonb_each", "json_each_text",
    "jsonb_each_text", "json_extract_path", "jsonb_extract_path", "json_extract_path_text", "jsonb_extract_path_text",
    "json_object_keys", "jsonb_object_keys", "json_populate_record", "jsonb_populate_record", "json_populate_recordset",
    "jsonb_populate_recordset", "json_to_record", "jsonb_to_record", "json_to_recordset", "jsonb_to_recordset", "json_strip_nulls",
    "jsonb_strip_nulls", "jsonb_set", "jsonb_set_lax", "jsonb_insert", "jsonb_path_exists", "jsonb_path_match", "jsonb_path_query",
    "jsonb_path_query_array", "jsonb_path_query_first", "jsonb_path_exists_tz", "jsonb_path_match_tz", "jsonb_path_query_tz",
    "jsonb_path_query_array_tz", "jsonb_path_query_first_tz", "jsonb_pretty", "json_typeof", "jsonb_typeof",
  ],
  array: [
    "array_append", "array_cat", "array_dims", "array_fill", "array_length", "array_lower", "array_ndims", "array_position",
    "array_positions", "array_prepend", "array_remove", "array_replace", "array_reverse", "array_sample", "array_shuffle",
    "array_sort", "array_to_string", "array_upper", "cardinality", "trim_array", "unnest",
  ],
  conditional: ["coalesce", "nullif", "num_nonnulls", "num_nulls"],
  // Type names callable as functions (`numeric(x)`, `date(ts)`), and ranges.
  cast: [
    "bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text", "varchar", "bpchar", "char", "date", "time", "timetz",
    "timestamp", "timestamptz", "interval", "money", "uuid", "inet", "cidr", "host", "family", "masklen", "network", "broadcast",
    "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange", "int4multirange", "int8multirange", "nummultirange",
    "datemultirange", "tsmultirange", "tstzmultirange", "isempty", "lower_inc", "upper_inc", "lower_inf", "upper_inf", "range_merge",
    "multirange",
  ],
};

const ALLOWED = new Map<string, string>(Object.entries(CATEGORIES).flatMap(([category, names]) => names.map((n) => [n, category] as const)));

/** The categories, for a refusal that says what is allowed. */
export const ALLOWED_FUNCTION_CATEGORIES = "aggregates, window, math, string, date/time, JSON, array, conditional functions and casts";

export function isAllowedFunction(name: string): boolean {
  return ALLOWED.has(name.toLowerCase());
}

/**
 * Operators of the built-in types (arithmetic, comparison, text, pattern, JSON, array, range,
 * network, geometry, text search). An operator is a function call in disguise: one defined in a
 * user's schema could run anything, so only these symbols pass, and only unqualified or qualified
 * with pg_catalog.
 */
const OPERATORS = new Set([
  "+", "-", "*", "/", "%", "^", "|/", "||/", "@", "&", "|", "#", "~", "<<", ">>", "!",
  "=", "<>", "!=", "<", ">", "<=", ">=", "||",
  "~~", "~~*", "!~~", "!~~*", "~*", "!~", "!~*",
  "->", "->>", "#>", "#>>", "@>", "<@", "?", "?|", "?&", "#-", "@?", "@@", "@@@",
  "&&", "-|-", "&<", "&>", "<<|", "|>>", "&<|", "|&>", "<->", "<<=", ">>=", "##", "?#", "?-", "?|", "?-|", "?||", "~=", "<^", ">^", "@-@", "<#>", "<=>",
]);

export function isAllowedOperator(symbol: string): boolean {
  return OPERATORS.has(symbol);
}

/** SQL value functions that read the clock are fine; those naming roles, databases or schemas are not the data's. */
const ALLOWED_VALUE_FUNCTIONS: Record<string, string | undefined> = {
  SVFOP_CURRENT_DATE: undefined,
  SVFOP_CURRENT_TIME: undefined,
  SVFOP_CURRENT_TIME_N: undefined,
  SVFOP_CURRENT_TIMESTAMP: undefined,
  SVFOP_CURRENT_TIMESTAMP_N: undefined,
  SVFOP_LOCALTIME: undefined,
  SVFOP_LOCALTIME_N: undefined,
  SVFOP_LOCALTIMESTAMP: undefined,
  SVFOP_LOCALTIMESTAMP_N: undefined,
};

const VALUE_FUNCTION_NAMES: Record<string, string> = {
  SVFOP_CURRENT_ROLE: "CURRENT_ROLE",
  SVFOP_CURRENT_USER: "CURRENT_USER",
  SVFOP_USER: "USER",
  SVFOP_SESSION_USER: "SESSION_USER",
  SVFOP_CURRENT_CATALOG: "CURRENT_CATALOG",
  SVFOP_CURRENT_SCHEMA: "CURRENT_SCHEMA",
};

/** The SQL name of a refused value function (`CURRENT_USER`), or undefined when it is allowed. */
export function refusedValueFunction(op: string): string | undefined {
  if (op in ALLOWED_VALUE_FUNCTIONS) return undefined;
  return VALUE_FUNCTION_NAMES[op] ?? op.replace(/^SVFOP_/, "");
}

/**
 * Casts to the object-identifier types look names up in the system catalogs
 * (`'pg_authid'::regclass`), so they are refused; regconfig/regdictionary name text search
 * configurations (`to_tsvector('english'::regconfig, …)`).
 */
export function isCatalogLookupType(typeName: string): boolean {
  const t = typeName.toLowerCase();
  return t.startsWith("reg") && t !== "regconfig" && t !== "regdictionary";
}
