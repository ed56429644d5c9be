package dashboard

import "warmloop/internal/intake"

// wordsDynamicKeys are the catalog ids the dashboard builds from what
// internal/ hands over as data: the overview's groups, verdicts and funnel
// stages, an import's refused lines, notes and file refusals.
func wordsDynamicKeys() []string {
	var keys []string
	for _, k := range momentKinds {
		keys = append(keys, "dash.label."+k)
	}
	for _, p := range cadencePresets {
		keys = append(keys, "dash.words.group.cadence."+p)
	}
	for _, k := range incentiveKinds {
		keys = append(keys, "dash.words.group.incentive."+k)
	}
	for _, v := range verdictKinds {
		keys = append(keys, "dash.words.verdict."+string(v))
	}
	for _, s := range funnelStages {
		keys = append(keys, "dash.words.funnel."+s)
	}
	for _, p := range importLineProblems {
		keys = append(keys, "dash.words.import.line."+p)
	}
	for _, s := range importNotes {
		keys = append(keys, "dash.words.import.note."+s)
	}
	for _, p := range []string{intake.FileNotCSV, intake.FileEmpty, intake.FileNoEmail} {
		keys = append(keys, "dash.words.import.file."+p)
	}
	return keys
}
