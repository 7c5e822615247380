#!/usr/bin/env bash
# Builds the signed offline bundle: target/anomaly-hunter-<version>-linux-x86_64.tar.gz
#
#   offline-bundle/build-bundle.sh [--key PRIVATE_KEY] [--native] [--no-build] [--out DIR]
#
# --native   put the native executable in bin/ (built with -Pnative; needs GRAALVM_HOME). Without it the
#            bundle carries a jlink-ed Java runtime, the fast-jar and a launcher (the JVM fallback).
# --key      the Ed25519 release key (anomaly-hunter bundle keygen). Without one a throwaway development
#            key is made under target/dev-keys and the bundle says so: never ship such a bundle.
# --no-build use what target/ already has.
# The kind (native or jvm) and version are recorded in MANIFEST's header lines.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
key="" native=0 build=1 out="$root/target"
while [ $# -gt 0 ]; do
  case "$1" in
    --key) key=$(readlink -f "$2"); shift 2 ;;
    --native) native=1; shift ;;
    --no-build) build=0; shift ;;
    --out) out=$(readlink -f "$2"); shift 2 ;;
    *) echo "build-bundle.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ "$build" = 1 ]; then
  if [ "$native" = 1 ]; then mvn -B -q package -Pnative -DskipTests; else mvn -B -q package -DskipTests; fi
fi
version=$(sed -n 's/^version=//p' target/classes/anomaly-hunter-version.properties)
[ -n "$version" ] || { echo "build-bundle.sh: no version in target/classes; build first" >&2; exit 1; }
name="anomaly-hunter-$version"
stage="$root/target/bundle/$name"
rm -rf "$root/target/bundle" && mkdir -p "$stage"/{bin,lib/native,models,systemd,docs}

# Native libraries the Java libraries would otherwise unpack into /tmp at run time (the build copies
# them out of their jars into target/lib/native): shipped here and loaded from here, so the service runs
# with a read-only root and PrivateTmp.
cp "$root"/target/lib/native/*.so "$stage/lib/native/"

# Properties that point the libraries at lib/native, for the JVM launcher.
native_props='-Dorg.sqlite.lib.path=LIB/native -Dorg.sqlite.lib.name=libsqlitejdbc.so -Djna.boot.library.path=LIB/native -Djna.nounpack=true -Donnxruntime.native.path=LIB/native -Dde.kherud.llama.lib.path=LIB/native'

if [ "$native" = 1 ]; then
  kind=native
  # The executable is bin/anomaly-hunter itself, no launcher: it finds lib/native by itself
  # (NativeLibraryHome) and bounds its own heap (NativeHeap: -Xmx256m -Xmn4m unless given).
  cp target/*-runner "$stage/bin/anomaly-hunter"
else
  kind=jvm
  cp -r target/quarkus-app "$stage/lib/app"
  # The jars carry every platform's copy of their native libraries (ONNX Runtime alone 186 MB); this
  # bundle loads the Linux x86-64 ones from lib/native, so the copies inside the jars go.
  command -v zip >/dev/null || { echo "build-bundle.sh: needs zip (apt-get install zip)" >&2; exit 1; }
  for jar in "$stage"/lib/app/lib/main/{com.microsoft.onnxruntime,org.xerial.sqlite-jdbc,de.kherud.llama,net.java.dev.jna.jna-[0-9]}*.jar; do
    zip -q -d "$jar" '*.so' '*.dylib' '*.dll' '*.jnilib' '*.a' '*.dSYM/*' '*.yml' >/dev/null
  done
  cp target/jvm.options "$stage/lib/jvm.options"
  # The smallest runtime that runs everything here (jdeps over the fast-jar lists too little: Quarkus
  # loads much of it reflectively).
  jlink --add-modules java.base,java.logging,java.naming,java.sql,java.management,java.net.http,java.xml,java.desktop,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,java.security.jgss,jdk.management \
        --strip-debug --no-man-pages --no-header-files --compress=2 --output "$stage/lib/runtime"
  cat > "$stage/bin/anomaly-hunter" <<LAUNCH
#!/bin/sh
# anomaly-hunter launcher (JVM bundle): the bundled Java runtime, the options from lib/jvm.options,
# native libraries from lib/native.
here=\$(dirname "\$(readlink -f "\$0")")
lib="\$here/../lib"
exec "\$lib/runtime/bin/java" \$(cat "\$lib/jvm.options") $(echo "$native_props" | sed 's|LIB|$lib|g') -Danomaly-hunter.models-dir="\$here/../models" -jar "\$lib/app/quarkus-run.jar" "\$@"
LAUNCH
fi
chmod 0755 "$stage/bin/anomaly-hunter"

cp offline-bundle/systemd/anomaly-hunter.service "$stage/systemd/"
cp config.yaml.example offline-bundle/install.sh offline-bundle/uninstall.sh "$stage/"
cp docs/operator-guide.md docs/configuration.md "$stage/docs/"
# The trained models with their metadata (the daemon checks each ONNX file against its sha256 at load).
cp models/README.md models/*.onnx models/*.json "$stage/models/"

if [ -z "$key" ]; then
  mkdir -p target/dev-keys
  key="$root/target/dev-keys/release.key"
  if [ ! -f "$key" ]; then
    java $(cat target/jvm.options) -jar target/quarkus-app/quarkus-run.jar bundle keygen --private "$key" --public target/dev-keys/release.pub
  fi
  echo "build-bundle.sh: WARNING: signed with the development key $key; do not ship this bundle" >&2
fi
# The public key travels with the bundle for a first install; upgrades check against the installed one.
openssl pkey -in "$key" -pubout -out "$stage/release.pub"
java $(cat target/jvm.options) -jar target/quarkus-app/quarkus-run.jar bundle sign "$stage" --key "$key" --kind "$kind" --version "$version"

mkdir -p "$out"
tarball="$out/$name-linux-x86_64.tar.gz"
tar -C "$root/target/bundle" -czf "$tarball" "$name"
echo "bundle: $tarball ($kind, $(du -h "$tarball" | cut -f1))"
