package dashboard

import (
	"warmloop/internal/referrals"
	"warmloop/internal/signin"
)

// peopleDynamicKeys are the catalog ids the screens about people
// (referrals, a customer's pages, activity, outbox) build from a stored value.
func peopleDynamicKeys() []string {
	var keys []string
	for _, s := range referrals.Statuses {
		keys = append(keys, "dash.referrals.status."+s, "dash.referrals.moved."+s)
	}
	for _, f := range referralReviewFlags {
		keys = append(keys, "dash.referrals.flag."+f)
	}
	for _, f := range referralFlags {
		keys = append(keys, "dash.referral.flag."+f)
	}
	for _, c := range referralChannels {
		keys = append(keys, "dash.referral.channel_name."+c)
	}
	for _, s := range askStatuses {
		keys = append(keys, "dash.referral.ask_status."+s)
	}
	for _, unit := range []string{"hours", "days", "months"} {
		keys = append(keys, "dash.referrals.age."+unit)
	}
	for _, field := range []string{"pipeline_value", "won_value"} {
		for _, problem := range []string{"nan", "negative", "large"} {
			keys = append(keys, "dash.referrals.amount."+field+"_"+problem)
		}
	}
	for _, key := range noteRefusals {
		keys = append(keys, key)
	}
	for _, kind := range []string{"email", "webhook"} {
		keys = append(keys, "dash.outbox.kind."+kind, "dash.outbox.body_error."+kind)
	}
	for _, status := range outboxStatuses {
		keys = append(keys, "dash.outbox.status."+status)
	}
	for _, t := range outboxTabs {
		keys = append(keys, "dash.outbox.tab."+string(t.Key), "dash.outbox.empty."+string(t.Key))
	}
	for _, kind := range []string{"email", "webhook"} {
		keys = append(keys, "dash.outbox.retry_what."+kind, "dash.outbox_message.heading."+kind)
	}
	for _, decision := range []string{"asked", "below_threshold", "cooldown", "opted_out", "open_ask", "pending"} {
		keys = append(keys, "dash.customer.decision."+decision, "dash.customer.decision_why."+decision)
	}
	for _, key := range customerFormRefusals {
		keys = append(keys, key)
	}
	for _, status := range customerImportStatuses {
		keys = append(keys, "dash.import.status."+status)
	}
	for _, problem := range []string{"too_large", "no_file", "unreadable", "empty"} {
		keys = append(keys, "dash.import.err."+problem)
	}
	for _, key := range importKeptReasons {
		keys = append(keys, key)
	}
	for _, role := range signin.Roles {
		keys = append(keys, "dash.invite.role."+role)
	}
	return keys
}
