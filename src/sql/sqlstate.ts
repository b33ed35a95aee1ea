/**
 * PostgreSQL error codes (SQLSTATE, Appendix A of the manual) as condition names. Used where the
 * database's message may not be shown — it can quote the data (`invalid input syntax for type
 * integer: "<a value>"`) — but the kind of error and its position still help whoever wrote the SQL.
 */
const CONDITIONS: Record<string, string> = {
  "21000": "cardinality_violation",
  "22001": "string_data_right_truncation",
  "22003": "numeric_value_out_of_range",
  "22007": "invalid_datetime_format",
  "22008": "datetime_field_overflow",
  "22012": "division_by_zero",
  "22023": "invalid_parameter_value",
  "2202E": "array_subscript_error",
  "22P02": "invalid_text_representation",
  "22P05": "untranslatable_character",
  "22004": "null_value_not_allowed",
  "22018": "invalid_character_value_for_cast",
  "22025": "invalid_escape_sequence",
  "2201B": "invalid_regular_expression",
  "22032": "invalid_json_text",
  "22030": "duplicate_json_object_key_value",
  "42501": "insufficient_privilege",
  "42601": "syntax_error",
  "42602": "invalid_name",
  "42622": "name_too_long",
  "42702": "ambiguous_column",
  "42703": "undefined_column",
  "42704": "undefined_object",
  "42725": "ambiguous_function",
  "42803": "grouping_error",
  "42804": "datatype_mismatch",
  "42809": "wrong_object_type",
  "42830": "invalid_foreign_key",
  "42846": "cannot_coerce",
  "42883": "undefined_function",
  "42P01": "undefined_table",
  "42P02": "undefined_parameter",
  "42P09": "ambiguous_alias",
  "42P10": "invalid_column_reference",
  "42P18": "indeterminate_datatype",
  "42P19": "invalid_recursion",
  "42P20": "windowing_error",
  "42P22": "indeterminate_collation",
  "54000": "program_limit_exceeded",
  "54001": "statement_too_complex",
  "54011": "too_many_columns",
  "53200": "out_of_memory",
  XX000: "internal_error",
};

const CLASSES: Record<string, string> = {
  "0A": "feature_not_supported",
  "21": "cardinality_violation",
  "22": "data_exception",
  "23": "integrity_constraint_violation",
  "25": "invalid_transaction_state",
  "28": "invalid_authorization_specification",
  "2B": "dependent_privilege_descriptors_still_exist",
  "40": "transaction_rollback",
  "42": "syntax_error_or_access_rule_violation",
  "53": "insufficient_resources",
  "54": "program_limit_exceeded",
  "55": "object_not_in_prerequisite_state",
  "57": "operator_intervention",
  "58": "system_error",
  P0: "plpgsql_error",
  XX: "internal_error",
};

/** `22P02` → `invalid_text_representation (class 22: data_exception)`; unknown codes keep their class. */
export function describeSqlState(code: string | undefined): string {
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return "an error of unknown class";
  const cls = code.slice(0, 2);
  const className = CLASSES[cls] ?? "unknown class";
  const condition = CONDITIONS[code];
  return `${condition ?? `SQLSTATE ${code}`} (SQLSTATE ${code}, class ${cls}: ${className})`;
}
