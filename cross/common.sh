# Shared by the cross/ scripts: tool checks and architecture names.

# The Debian release the device runs, and the mirror the host's apt already uses (none: mmdebstrap's default).
suite="${EDGEDIAG_DEBIAN_SUITE:-bookworm}"
mirror=()
if [[ -n "${EDGEDIAG_DEBIAN_MIRROR:-}" ]]; then mirror=("$EDGEDIAG_DEBIAN_MIRROR"); fi

# require TOOL PACKAGE: stops with a message naming the missing tool and the Debian package that has it.
require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "${0##*/}: missing tool '$1': install it with 'apt-get install $2'" >&2
    exit 1
  fi
}

# debian_arch ARCH: the Debian architecture name of ARCH (x86_64 → amd64, aarch64 → arm64).
debian_arch() {
  case "$1" in
  x86_64) echo amd64 ;;
  aarch64) echo arm64 ;;
  *)
    echo "${0##*/}: unknown architecture '$1' (expected x86_64 or aarch64)" >&2
    exit 2
    ;;
  esac
}

# compile_modules OUT [MODULE…]: compiles the modules of cross/modules in order into OUT (objects and
# .swiftmodule files), C shims with clang and Swift modules whole-module in Embedded mode. Callers set:
#   swift_flags  target and optimisation flags for swiftc (a module's line in cross/modules may override the
#                optimisation, e.g. -Osize)
#   c_flags      target flags for clang
# With MODULE names, only those (and missing dependencies) are compiled. Stops with the compiler's message.
compile_modules() {
  local out="$1" kind name optimisation dir source library only=" ${*:2} "
  mkdir -p "$out"
  local includes=()
  for dir in "$root"/Sources/C*/include; do includes+=(-I "$dir"); done
  while read -r kind name optimisation; do
    [[ -z "$kind" || "$kind" == \#* ]] && continue
    if [[ -n "${*:2}" && "$only" != *" $name "* && -f "$out/$name.done" ]]; then continue; fi
    rm -f "$out/$name.done"
    if [[ "$kind" == c ]]; then
      for source in "$root/Sources/$name"/*.c; do
        "$toolchain/clang" "${c_flags[@]}" -O2 -fPIC -ffunction-sections -fdata-sections \
          -ffile-prefix-map="$root"=. -I "$root/Sources/$name/include" \
          -c "$source" -o "$out/$name-$(basename "$source" .c).o" 2>"$out/$name.log" || fail_module "$name" "$out"
      done
    else
      local sources=()
      mapfile -t sources < <(find "$root/Sources/$name" -name '*.swift' | LC_ALL=C sort)
      library=(-parse-as-library)
      [[ "$kind" == main ]] && library=()
      "$toolchain/swiftc" -enable-experimental-feature Embedded -wmo -swift-version 6 "${swift_flags[@]}" \
        ${optimisation:+"$optimisation"} -Xfrontend -function-sections -file-prefix-map "$root"=. \
        -module-name "$name" "${library[@]}" -I "$out" "${includes[@]}" \
        -emit-module -emit-module-path "$out/$name.swiftmodule" -c -o "$out/$name.o" "${sources[@]}" \
        2>"$out/$name.log" || fail_module "$name" "$out"
    fi
    touch "$out/$name.done"
    echo "${0##*/}: $name ok" >&2
  done <"$root/cross/modules"
}

fail_module() {
  echo "${0##*/}: module $1 does not compile in Embedded mode:" >&2
  cat "$2/$1.log" >&2
  exit 1
}

toolchain="$(dirname "$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)")"

# device_target ARCH: sets what the device build of ARCH compiles and links for: triple (the GNU triple of its
# libraries in the sysroot), swift_target (swiftc's target flags), default_cpu and loader (the dynamic loader).
device_target() {
  case "$1" in
  x86_64)
    triple=x86_64-linux-gnu
    swift_target=(-target x86_64-unknown-linux-gnu)
    default_cpu=haswell
    loader=/lib64/ld-linux-x86-64.so.2
    ;;
  aarch64)
    triple=aarch64-linux-gnu
    # Embedded Swift's aarch64 standard library is built for the bare-metal triple; the C importer still parses
    # glibc's headers as Linux.
    swift_target=(-target aarch64-none-none-elf -Xfrontend -clang-target -Xfrontend aarch64-unknown-linux-gnu)
    default_cpu=cortex-a72
    loader=/lib/ld-linux-aarch64.so.1
    ;;
  esac
}

# kernel_conditions ARCH CPU: the Swift compilation conditions (-D flags) that select the inference kernels
# and the SHA-256 compression for the CPU's instruction set, from the features clang knows the CPU to have: VNNI
# for x86_64 CPUs with AVX-512 VNNI or AVX-VNNI (the `vpdpbusd` GEMM), DOTPROD for aarch64 CPUs with the
# dot-product extension (the `sdot` GEMM; Kernels/ByteDotProducts.swift), SHA256_INSTRUCTIONS for CPUs with the
# x86 SHA extensions or ARMv8 SHA2 (Pipeline/Support/SHA256+Instructions.swift). Swift cannot test CPU features
# itself. LLVM gives every Cortex-A72 the optional crypto extension, which the Raspberry Pi 4's BCM2711 lacks: on
# aarch64 the SHA2 instructions are taken only with the dot-product extension too (ARMv8.2 CPUs such as the Pi
# 5's Cortex-A76), so that the default cortex-a72 build runs on every A72.
kernel_conditions() {
  local macros
  case "$1" in
  x86_64)
    macros="$("$toolchain/clang" --target=x86_64-linux-gnu -march="$2" -dM -E -x c /dev/null)"
    if [[ "$macros" == *__AVXVNNI__* || ("$macros" == *__AVX512VNNI__* && "$macros" == *__AVX512VL__*) ]]; then
      echo -D VNNI
    fi
    if [[ "$macros" == *"__SHA__ "* ]]; then echo -D SHA256_INSTRUCTIONS; fi
    ;;
  aarch64)
    macros="$("$toolchain/clang" --target=aarch64-linux-gnu -mcpu="$2" -dM -E -x c /dev/null)"
    if [[ "$macros" == *__ARM_FEATURE_DOTPROD* ]]; then echo -D DOTPROD; fi
    if [[ "$macros" == *__ARM_FEATURE_SHA2* && "$macros" == *__ARM_FEATURE_DOTPROD* ]]; then
      echo -D SHA256_INSTRUCTIONS
    fi
    ;;
  esac
}

# host_cpu: the name LLVM gives this machine's CPU (clang's -march=native), e.g. znver4.
host_cpu() {
  "$toolchain/clang" -march=native -x c -### -c /dev/null 2>&1 | grep -o '"-target-cpu" "[^"]*"' | cut -d'"' -f4
}
