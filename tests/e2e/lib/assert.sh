# Assertions for the end-to-end scripts.  Each failure prints one line with
# the caller's line number; finish() exits 1 if any failed.
_failures=0
_checks=0

_fail() {
  _failures=$((_failures + 1))
  echo "FAIL (${BASH_SOURCE[2]##*/}:${BASH_LINENO[1]}): $*" >&2
}

expect_code() { # expected actual
  _checks=$((_checks + 1))
  [ "$1" = "$2" ] || _fail "exit code $2, expected $1"
}

expect_eq() { # expected actual
  _checks=$((_checks + 1))
  [ "$1" = "$2" ] || _fail "got '$2', expected '$1'"
}

expect_match() { # text regex
  _checks=$((_checks + 1))
  printf '%s\n' "$1" | grep -Eq -- "$2" || _fail "no match for /$2/ in: $(printf '%s' "$1" | head -c 300)"
}

expect_no_match() { # text regex
  _checks=$((_checks + 1))
  printf '%s\n' "$1" | grep -Eq -- "$2" && _fail "unexpected match for /$2/"
  return 0
}

expect_file() { # path
  _checks=$((_checks + 1))
  [ -s "$1" ] || _fail "missing or empty file $1"
}

finish() {
  echo "${_checks} checks, ${_failures} failed"
  [ "$_failures" -eq 0 ] || exit 1
  exit 0
}

skip() { # reason
  echo "SKIP: $*"
  exit 77
}
