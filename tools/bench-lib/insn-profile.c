/* A qemu TCG plugin that counts, per translated block, how many instructions a guest program executes there:
 * the profile behind tools/bench-aarch64 --profile. Each block's start address and instruction count are kept
 * at translation; execution adds the block's instruction count to its counter (one inline add per block).
 *
 *   qemu-aarch64 -plugin build/bench-aarch64/insn-profile.so,out=PROFILE.txt PROGRAM …
 *
 * At exit it writes PROFILE.txt: "start_code ADDRESS" (where the program's text segment was loaded, to relate
 * addresses to its symbols), then "ADDRESS INSTRUCTIONS" per block that ran (hexadecimal guest address,
 * decimal count; a block translated again is listed again). Exact for a single-threaded guest. */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

typedef struct {
  uint64_t address;
  uint64_t executed; /* instructions executed in this block */
} Block;

static char *output_path;
static GPtrArray *blocks;
static GMutex lock; /* translation may run on any vCPU thread */

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  Block *block = g_new0(Block, 1);
  block->address = qemu_plugin_tb_vaddr(tb);
  g_mutex_lock(&lock);
  g_ptr_array_add(blocks, block);
  g_mutex_unlock(&lock);
  qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &block->executed,
                                           qemu_plugin_tb_n_insns(tb));
}

static void finished(qemu_plugin_id_t id, void *data) {
  FILE *out = fopen(output_path, "w");
  if (out == NULL) {
    perror(output_path);
    return;
  }
  fprintf(out, "start_code %" PRIx64 "\n", qemu_plugin_start_code());
  for (guint i = 0; i < blocks->len; i++) {
    Block *block = g_ptr_array_index(blocks, i);
    if (block->executed > 0) fprintf(out, "%" PRIx64 " %" PRIu64 "\n", block->address, block->executed);
  }
  fclose(out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    if (g_str_has_prefix(argv[i], "out=")) output_path = g_strdup(argv[i] + 4);
  }
  if (output_path == NULL) {
    fprintf(stderr, "insn-profile: give the output file as out=PATH\n");
    return -1;
  }
  blocks = g_ptr_array_new();
  qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
  qemu_plugin_register_atexit_cb(id, finished, NULL);
  return 0;
}
