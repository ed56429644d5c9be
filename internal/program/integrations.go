package program

import "github.com/pocketbase/pocketbase/core"

// IntegrationSecrets are the keys the systems of record sign with and the
// generic CRM's shared secret, edited on the dashboard's Integrations
// screen: never shown, only replaced or cleared, as SecretFields are.
var IntegrationSecrets = []string{"zendesk_secret", "hubspot_secret", "stripe_secret", "crm_secret"}

// CheckIntegrationSecrets applies the rule every typed secret keeps to the
// changes asked of the integration secrets, by field name.
func CheckIntegrationSecrets(changes map[string]SecretChange) Errors {
	errs := Errors{}
	for _, field := range IntegrationSecrets {
		errs.fail(field, checkSecret(changes[field]))
	}
	return errs
}

// ApplyIntegrationSecrets keeps, clears or replaces each integration
// secret on the settings record as the changes ask.
func ApplyIntegrationSecrets(r *core.Record, changes map[string]SecretChange) {
	for _, field := range IntegrationSecrets {
		applySecret(r, field, changes[field])
	}
}
