/* A qemu TCG plugin that counts what a guest program executes: instructions in total and by mnemonic, and the
 * bytes its loads and stores move. Built and used by tools/bench-aarch64 (qemu-user, one guest thread: the
 * counters are plain inline additions, exact for a single-threaded guest).
 *
 *   qemu-aarch64 -plugin build/bench-aarch64/insn-count.so,out=COUNTS.txt PROGRAM …
 *
 * At exit it writes COUNTS.txt: "instructions N", "load_bytes N", "store_bytes N", then "insn MNEMONIC N" for
 * every mnemonic executed. Instructions are classified when a block is translated (once per block), so counting
 * costs one inline add per instruction and one call per memory access.
 *
 * Marks: a guest system call numbered MARK_SYSCALL (no such call exists: the guest gets ENOSYS) with argument A
 * adds a line "mark A N", N the instructions executed until then, so one process can count several spans (the
 * guest calls `syscall(MARK_SYSCALL, A)`, e.g. through Python's ctypes). */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum { MAX_MNEMONICS = 4096, MARK_SYSCALL = 0x4d41, MAX_MARKS = 65536 };

static char *output_path;
static GHashTable *mnemonic_index; /* mnemonic → index + 1 into counts */
static char *mnemonics[MAX_MNEMONICS];
static uint64_t counts[MAX_MNEMONICS];
static int mnemonic_count;
static uint64_t load_bytes, store_bytes;
static GMutex lock; /* translation may run on any vCPU thread */
static uint64_t mark_labels[MAX_MARKS], mark_counts[MAX_MARKS];
static int mark_count;

/* qemu 7.2's aarch64 disassembler prints the dot-product instructions as ".byte": name them from their
 * encoding (Arm ARM: SDOT/UDOT (vector) and (by element)). */
static const char *dot_product_name(uint32_t word) {
  if ((word & 0xBFE0FC00) == 0x0E809400) return "sdot";
  if ((word & 0xBFE0FC00) == 0x2E809400) return "udot";
  if ((word & 0xBFC0F400) == 0x0F80E000) return "sdot(element)";
  if ((word & 0xBFC0F400) == 0x2F80E000) return "udot(element)";
  return NULL;
}

/* The counter of the instruction's mnemonic (its disassembly up to the first space). */
static uint64_t *counter_for(struct qemu_plugin_insn *insn) {
  char *text = qemu_plugin_insn_disas(insn);
  size_t length = strcspn(text, " \t");
  text[length] = '\0';
  if (strcmp(text, ".byte") == 0 && qemu_plugin_insn_size(insn) == 4) {
    uint32_t word;
    memcpy(&word, qemu_plugin_insn_data(insn), sizeof word);
    const char *name = dot_product_name(word);
    if (name != NULL) {
      g_free(text);
      text = g_strdup(name);
    }
  }
  g_mutex_lock(&lock);
  int index = GPOINTER_TO_INT(g_hash_table_lookup(mnemonic_index, text)) - 1;
  if (index < 0) {
    index = mnemonic_count < MAX_MNEMONICS - 1 ? mnemonic_count++ : MAX_MNEMONICS - 1;
    if (mnemonics[index] == NULL) mnemonics[index] = g_strdup(index == MAX_MNEMONICS - 1 ? "(other)" : text);
    g_hash_table_insert(mnemonic_index, g_strdup(text), GINT_TO_POINTER(index + 1));
  }
  g_mutex_unlock(&lock);
  g_free(text);
  return &counts[index];
}

static void memory_access(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t address, void *data) {
  uint64_t bytes = 1u << qemu_plugin_mem_size_shift(info);
  if (qemu_plugin_mem_is_store(info)) {
    store_bytes += bytes;
  } else {
    load_bytes += bytes;
  }
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
  size_t n = qemu_plugin_tb_n_insns(tb);
  for (size_t i = 0; i < n; i++) {
    struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
    qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, counter_for(insn), 1);
    qemu_plugin_register_vcpu_mem_cb(insn, memory_access, QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, NULL);
  }
}

static uint64_t instructions(void) {
  uint64_t total = 0;
  for (int i = 0; i < mnemonic_count; i++) total += counts[i];
  return total;
}

static void system_call(qemu_plugin_id_t id, unsigned int vcpu, int64_t number, uint64_t a1, uint64_t a2,
                        uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8) {
  if (number != MARK_SYSCALL || mark_count == MAX_MARKS) return;
  mark_labels[mark_count] = a1;
  mark_counts[mark_count++] = instructions();
}

static void finished(qemu_plugin_id_t id, void *data) {
  FILE *out = fopen(output_path, "w");
  if (out == NULL) {
    perror(output_path);
    return;
  }
  fprintf(out, "instructions %" PRIu64 "\nload_bytes %" PRIu64 "\nstore_bytes %" PRIu64 "\n", instructions(),
          load_bytes, store_bytes);
  for (int i = 0; i < mnemonic_count; i++) fprintf(out, "insn %s %" PRIu64 "\n", mnemonics[i], counts[i]);
  for (int i = 0; i < mark_count; i++) fprintf(out, "mark %" PRIu64 " %" PRIu64 "\n", mark_labels[i], mark_counts[i]);
  fclose(out);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    if (g_str_has_prefix(argv[i], "out=")) output_path = g_strdup(argv[i] + 4);
  }
  if (output_path == NULL) {
    fprintf(stderr, "insn-count: give the output file as out=PATH\n");
    return -1;
  }
  mnemonic_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
  qemu_plugin_register_vcpu_syscall_cb(id, system_call);
  qemu_plugin_register_atexit_cb(id, finished, NULL);
  return 0;
}
