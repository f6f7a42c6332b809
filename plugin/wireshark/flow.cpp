// The kerbdiag flow: Statistics > Flow Graph > kerbdiag, and
// `tshark -q -z flow,kerbdiag,standard`. One arrow per step of an
// authentication (DNS, AS/TGS, HTTP with its token, the response), labelled
// from the FrameRecord the post-dissector queued on kerbdiag's tap.
#include "flow.h"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/tap.h>

#include "render.h"
#include "ws_compat.h"

namespace {

namespace ws = kerbdiag::ws;

tap_packet_status flow_packet(void* data, packet_info* pinfo, epan_dissect_t*, const void* tapped, tap_flags_t)
{
    auto* sainfo = static_cast<ws::seq_info*>(data);
    auto* record = static_cast<const FrameRecord*>(tapped);
    if (!record || !record->flow_arrow) return TAP_PACKET_DONT_REDRAW;
    ws::seq_item* sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (!sai) return TAP_PACKET_DONT_REDRAW;
    sai->frame_number = pinfo->num;
    sequence_analysis_use_color_filter(pinfo, sai);
    sai->port_src = static_cast<guint16>(pinfo->srcport);
    sai->port_dst = static_cast<guint16>(pinfo->destport);
    sai->frame_label = g_strdup(record->flow_arrow);
    sai->comment = g_strdup(record->flow_comment ? record->flow_comment : record->flow_arrow);
    sai->line_style = 1;
    sai->conv_num = 0;
    sai->display = TRUE;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}

}  // namespace

void kerbdiag_flow_register(int proto, const char* tap_name)
{
    register_seq_analysis("kerbdiag", "kerbdiag", proto, tap_name, TL_REQUIRES_NOTHING, flow_packet);
}
