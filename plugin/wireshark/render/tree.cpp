// Every pass: the kerbdiag subtree and expert items drawn from a FrameRecord.
#include "problems/problem_book.h"
#include "render_parts.h"
#include "report.h"

using namespace kerbdiag;
using namespace kerbdiag::render;

namespace {

int ett_kerbdiag = -1;
int ett_group = -1;

bool opens_group(guint16 field) { return field == RF_TICKET || field == RF_FINDING || field == RF_PROBLEM; }

proto_item* add_item(proto_tree* tree, tvbuff_t* tvb, const RenderItem& item)
{
    int id = hf[item.field];
    switch (field_type(item.field)) {
    case FT_STRING: return proto_tree_add_string(tree, id, tvb, 0, 0, item.text);
    case FT_INT32: return proto_tree_add_int(tree, id, tvb, 0, 0, static_cast<gint32>(item.number));
    case FT_INT64: return proto_tree_add_int64(tree, id, tvb, 0, 0, item.number);
    case FT_ABSOLUTE_TIME: {
        nstime_t time = {static_cast<time_t>(item.number), 0};
        return proto_tree_add_time(tree, id, tvb, 0, 0, &time);
    }
    case FT_UINT64: return proto_tree_add_uint64(tree, id, tvb, 0, 0, static_cast<guint64>(item.number));
    case FT_UINT16:
    case FT_UINT32: return proto_tree_add_uint(tree, id, tvb, 0, 0, static_cast<guint32>(item.number));
    case FT_FRAMENUM: return proto_tree_add_uint(tree, id, tvb, 0, 0, static_cast<guint32>(item.number));
    default: return nullptr;
    }
}

// The finding's severity, or its problem's where that has fallen since (the
// client recovered later in the capture: a later pass knows).
guint8 shown_severity(const RenderItem& item)
{
    const Problem* problem = item.problem ? kerbdiag_problems().find(item.problem) : nullptr;
    auto now = problem ? static_cast<guint8>(problem->severity) : item.severity;
    return now < item.severity ? now : item.severity;
}

}  // namespace

void kerbdiag_render_register(int proto)
{
    register_fields(proto);
    static gint* etts[] = {&ett_kerbdiag, &ett_group};
    proto_register_subtree_array(etts, G_N_ELEMENTS(etts));
    register_expert_fields(proto);
    init_interning();
}

void kerbdiag_render(const FrameRecord* record, tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, int proto)
{
    proto_item* top = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    proto_item_set_generated(top);
    proto_tree* levels[2] = {proto_item_add_subtree(top, ett_kerbdiag), nullptr};
    proto_item* group_item = top;
    if (record->verdict) {
        proto_item* verdict = proto_tree_add_string(levels[0], hf[RF_VERDICT], tvb, 0, 0, record->verdict);
        proto_item_set_generated(verdict);
        proto_item_append_text(top, ", verdict: %s", record->verdict);
    }
    for (guint i = 0; i < record->count; ++i) {
        const RenderItem& item = record->items[i];
        proto_tree* parent = item.depth > 0 && levels[1] ? levels[1] : levels[0];
        if (item.field == RF_EXPERT) {
            expert_field* expert = &ei_rules[static_cast<size_t>(item.number) * expert_severities + shown_severity(item)];
            expert_add_info_format(pinfo, group_item, expert, "%s", item.text);
            continue;
        }
        proto_item* added = add_item(parent, tvb, item);
        proto_item_set_generated(added);
        if ((item.field == RF_RELATED || item.field == RF_PROBLEM_EVIDENCE) && item.text)
            proto_item_append_text(added, " (%s)", item.text);
        if (item.field == RF_RULE) proto_item_append_text(top, ", %s", item.text);
        if (opens_group(item.field)) {
            group_item = added ? added : top;
            levels[1] = proto_item_add_subtree(added, ett_group);
        }
    }
}
