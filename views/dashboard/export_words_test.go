package dashboard

import "warmloop/internal/intake"

// wordsDynamicKeys are the catalog ids the dashboard builds from what
// internal/ hands over as data: the overview's groups, verdicts and funnel
// stages, an import's refused lines, notes and file refusals.
func wordsDynamicKeys() []string {
	var keys []string
	for _, names := range groupNames {
		keys = append(keys, names.unrecorded)
		keys = append(keys, prefixed(names.prefix, names.known)...)
	}
	var verdicts []string
	for _, v := range verdictKinds {
		verdicts = append(verdicts, string(v))
	}
	keys = append(keys, prefixed("dash.words.verdict.", verdicts)...)
	keys = append(keys, prefixed("dash.words.funnel.", funnelStages)...)
	keys = append(keys, prefixed("dash.words.import.line.", importLineProblems)...)
	keys = append(keys, prefixed("dash.words.import.note.", importNotes)...)
	return append(keys, prefixed("dash.words.import.file.", []string{intake.FileNotCSV, intake.FileEmpty, intake.FileNoEmail})...)
}

// prefixed is each value after prefix.
func prefixed(prefix string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = prefix + v
	}
	return out
}
