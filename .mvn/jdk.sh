# Sourced (POSIX sh) by ./mvnw, ./mailstream and the infra scripts: finds a JDK 25 or newer and exports
# JAVA_HOME and PATH for it. Order: JAVA_HOME, then the usual install locations, then `java` on the PATH.
# The machines this project builds on have Java 17 as the default `java`, so the PATH comes last.
MAILSTREAM_JAVA_MIN=25

mailstream_java_feature() { # prints the feature release of "$1/bin/java" (17, 21, 25 ...) or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}

mailstream_java_ok() {
  mailstream_java_v="$(mailstream_java_feature "$1")"
  [ -n "$mailstream_java_v" ] && [ "$mailstream_java_v" -ge "$MAILSTREAM_JAVA_MIN" ]
}

mailstream_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && mailstream_java_ok "$JAVA_HOME"; then
    printf %s\\n "$JAVA_HOME"; return 0
  fi
  # MAILSTREAM_JDK_CANDIDATES (folders, space-separated) replaces the usual places: for tests of this lookup.
  # shellcheck disable=SC2086
  for mailstream_candidate in ${MAILSTREAM_JDK_CANDIDATES:-/usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-* \
      /usr/lib/jvm/jdk-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/* /opt/java/openjdk /opt/jdk* /usr/local/lib/jvm/* \
      $HOME/.sdkman/candidates/java/current $HOME/.jdks/*}; do
    if mailstream_java_ok "$mailstream_candidate"; then
      printf %s\\n "$mailstream_candidate"; return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    mailstream_candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    if mailstream_java_ok "$mailstream_candidate"; then
      printf %s\\n "$mailstream_candidate"; return 0
    fi
  fi
  return 1
}

if mailstream_found_jdk="$(mailstream_find_jdk)"; then
  JAVA_HOME="$mailstream_found_jdk"
  PATH="$JAVA_HOME/bin:$PATH"
  export JAVA_HOME PATH
else
  {
    echo "mailstream needs a JDK $MAILSTREAM_JAVA_MIN or newer and found none."
    if [ -n "${JAVA_HOME-}" ]; then
      echo "  JAVA_HOME=$JAVA_HOME is Java $(mailstream_java_feature "$JAVA_HOME" || true) (or not a JDK)."
    fi
    echo "  Looked in JAVA_HOME, /usr/lib/jvm, /opt/java, ~/.sdkman and the PATH."
    echo "  Install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium's apt repository) or"
    echo "  'sdk install java 25-tem', or download it from https://adoptium.net, then set JAVA_HOME to it."
  } >&2
  exit 1
fi
