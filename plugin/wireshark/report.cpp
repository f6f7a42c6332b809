#include "report.h"

#include <wireshark.h>
#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include <cstdio>
#include <exception>
#include <string>

#include "problems/problem_report.h"
#include "render.h"
#include "ws_compat.h"

namespace {

namespace ws = kerbdiag::ws;

const char verdicts_node[] = "Authentication verdicts";
const char findings_node[] = "Findings by rule";
const char problems_node[] = "Problems";
int verdicts_id = 0;
int findings_id = 0;
int problems_id = 0;

// Keytab facts no ticket has explained have no frame to tick their row:
// they are listed when the tree starts (the keytab is loaded by then).
void add_keytab_problems(stats_tree* st)
{
    try {
        for (const kerbdiag::Problem* problem : kerbdiag_problems().ranked()) {
            if (!problem->keytab || !problem->evidence.empty()) continue;
            std::string row = kerbdiag::problem_row(*problem);
            std::string cause = kerbdiag::problem_cause(*problem, problem->rule->id, problem->severity);
            int row_id = set_stat_node(st, row.c_str(), problems_id, TRUE, static_cast<gint>(problem->count));
            set_stat_node(st, cause.c_str(), row_id, FALSE, static_cast<gint>(problem->count));
        }
    } catch (const std::exception&) {
        // Out of memory: the rows come with their first ticket, if any.
    }
}

// The Problems node counts the problems, as the text report does.
void count_problems(stats_tree* st)
{
    set_stat_node(st, problems_node, 0, FALSE, static_cast<gint>(kerbdiag_problems().size()));
}

void report_init(stats_tree* st)
{
    problems_id = stats_tree_create_node(st, problems_node, 0, STAT_DT_INT, TRUE);
    verdicts_id = stats_tree_create_node(st, verdicts_node, 0, STAT_DT_INT, TRUE);
    findings_id = stats_tree_create_node(st, findings_node, 0, STAT_DT_INT, TRUE);
    add_keytab_problems(st);
    count_problems(st);
}

// A problem's row holds its count; under it, the cause it stands on now.
void tick_problems(stats_tree* st, const FrameRecord* record)
{
    for (guint i = 0; i < record->problem_tick_count; ++i) {
        const ProblemTick& tick = record->problem_ticks[i];
        int row = set_stat_node(st, tick.row, problems_id, TRUE, static_cast<gint>(tick.count));
        if (tick.old_cause) zero_stat_node(st, tick.old_cause, row, FALSE);
        set_stat_node(st, tick.cause, row, FALSE, static_cast<gint>(tick.count));
    }
    if (record->problem_tick_count) count_problems(st);
}

tap_packet_status report_packet(stats_tree* st, packet_info*, epan_dissect_t*, const void* data, tap_flags_t)
{
    auto* record = static_cast<const FrameRecord*>(data);
    if (record->verdict) {
        tick_stat_node(st, verdicts_node, 0, TRUE);
        tick_stat_node(st, record->verdict, verdicts_id, FALSE);
    }
    for (guint i = 0; i < record->count; ++i) {
        if (record->items[i].field != RF_RULE) continue;
        tick_stat_node(st, findings_node, 0, TRUE);
        tick_stat_node(st, record->items[i].text, findings_id, FALSE);
    }
    tick_problems(st, record);
    return TAP_PACKET_REDRAW;
}

// ---- tshark -q -z kerbdiag,problems ----------------------------------------

const char problems_cli[] = "kerbdiag,problems";
int problems_listener_data = 0;  // the listener needs a distinct address

tap_packet_status problems_packet(void*, packet_info*, epan_dissect_t*, const void*, tap_flags_t)
{
    return TAP_PACKET_REDRAW;
}

void problems_draw(void*)
{
    try {
        std::string text = kerbdiag::problems_report(kerbdiag_problems());
        fputs(text.c_str(), stdout);
    } catch (const std::exception& error) {
        fprintf(stderr, "kerbdiag: problem report failed: %s\n", error.what());
    }
}

ws::stat_tap_init_result problems_init(const char* option, void*)
{
    if (strcmp(option, problems_cli) != 0 && !g_str_has_prefix(option, "kerbdiag,problems,")) {
        fprintf(stderr, "kerbdiag: unknown report %s (try -z kerbdiag,problems)\n", option);
        return ws::stat_tap_init_done(false);
    }
    GString* error = register_tap_listener("kerbdiag", &problems_listener_data, nullptr, TL_REQUIRES_NOTHING,
                                           nullptr, problems_packet, problems_draw, nullptr);
    if (error) {
        fprintf(stderr, "kerbdiag: cannot start the problem report: %s\n", error->str);
        g_string_free(error, TRUE);
        return ws::stat_tap_init_done(false);
    }
    return ws::stat_tap_init_done(true);
}

stat_tap_ui problems_ui = {REGISTER_STAT_GROUP_GENERIC, "kerbdiag problems", problems_cli, problems_init, 0, nullptr};

}  // namespace

void kerbdiag_report_register(const char* tap_name)
{
    stats_tree_register_plugin(tap_name, "kerbdiag", "Kerberos Diagnostics", 0, report_packet, report_init, nullptr);
    register_stat_tap_ui(&problems_ui, nullptr);
}
