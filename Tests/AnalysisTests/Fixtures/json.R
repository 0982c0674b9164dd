# Minimal JSON writer (jsonlite is not installed): numbers with 17 significant digits; atomic
# vectors of length 1 are scalars unless wrapped in I().
toJSON <- function(x) {
  num <- function(v) ifelse(is.na(v), "null", sprintf("%.17g", v))
  atom <- function(v) {
    if (is.logical(v)) ifelse(v, "true", "false")
    else if (is.numeric(v)) num(v)
    else paste0("\"", gsub("\"", "\\\\\"", v), "\"")
  }
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      keep <- !vapply(x, is.null, TRUE)
      return(paste0("{", paste0("\"", names(x)[keep], "\":", vapply(x[keep], toJSON, ""), collapse = ","), "}"))
    }
    return(paste0("[", paste0(vapply(x, toJSON, ""), collapse = ","), "]"))
  }
  if (length(x) == 1 && !inherits(x, "AsIs")) return(atom(x))
  paste0("[", paste0(atom(unclass(x)), collapse = ","), "]")
}
