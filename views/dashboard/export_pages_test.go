package dashboard

import "warmloop/internal/pages"

// pagesDynamicKeys are the catalog ids the pages, sources, moment and
// activity screens build from a value.
func pagesDynamicKeys() []string {
	var keys []string
	for kind := range activityTones {
		keys = append(keys, "dash.activity.kind."+kind)
	}
	for _, d := range append(activityDecisions[1:], "pending", "unknown") {
		keys = append(keys, "dash.activity.moment."+d)
	}
	for _, s := range append(activityRewardStatuses, "unknown") {
		keys = append(keys, "dash.activity.reward."+s)
	}
	for _, field := range sourceFields {
		keys = append(keys, "dash.source.field."+field)
	}
	for _, field := range []string{"name", "auth_header", "email_pointer", "score_pointer", "comment_pointer",
		"external_id_pointer", "time_pointer", "locale_pointer", "keep_pointer", "keep_value"} {
		keys = append(keys, "dash.source.hint."+field)
	}
	for _, v := range sourceAuthValues {
		keys = append(keys, "dash.source.auth."+v)
	}
	for _, code := range []string{"name_missing", "name_shape", "name_reserved", "renamed", "kind", "pointer_required",
		"pointer_slash", "pointer_invalid", "score_not_nps", "keep_value_missing", "header_name", "auth", "hmac_encoding", "secret_missing"} {
		keys = append(keys, "dash.source.err."+code)
	}
	for _, d := range sourceDecisions {
		keys = append(keys, "dash.source.decision."+d)
	}
	keys = append(keys, "dash.pages.purpose.unknown")
	for _, spec := range pages.Specs() {
		keys = append(keys, "dash.pages.purpose."+spec.Slug)
		if spec.TitleHint != "" {
			keys = append(keys, "dash.pages.title_hint."+spec.Slug)
		}
		for _, v := range spec.Vars {
			id := v.About
			if id == "" {
				id = v.Name
			}
			keys = append(keys, "dash.pages.var."+id)
		}
	}
	for _, p := range publicPreviews {
		keys = append(keys, "dash.pages.public."+p.Key)
	}
	for _, kind := range []string{"web", "email", "text"} {
		keys = append(keys, "dash.pages.kind."+kind, "dash.pages.title_label."+kind, "dash.pages.title_word."+kind)
	}
	return keys
}
