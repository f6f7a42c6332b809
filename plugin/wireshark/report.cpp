#include "report.h"

#include <wireshark.h>
#include <epan/stats_tree.h>

#include "render.h"

namespace {

const char verdicts_node[] = "Authentication verdicts";
const char findings_node[] = "Findings by rule";
int verdicts_id = 0;
int findings_id = 0;

void report_init(stats_tree* st)
{
    verdicts_id = stats_tree_create_node(st, verdicts_node, 0, STAT_DT_INT, TRUE);
    findings_id = stats_tree_create_node(st, findings_node, 0, STAT_DT_INT, TRUE);
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
    return TAP_PACKET_REDRAW;
}

}  // namespace

void kerbdiag_report_register(const char* tap_name)
{
    stats_tree_register_plugin(tap_name, "kerbdiag", "Kerberos Diagnostics", 0, report_packet, report_init, nullptr);
}
