package cli

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/privacy"
)

// NewPrivacyCommand is `warmloop privacy`, with its export and erase
// subcommands: a person's request to see, or to remove, what is stored
// about them.
func NewPrivacyCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "privacy",
		Short: "Export or erase everything stored about one person, by email",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "export EMAIL",
		Short: "Print everything stored about a person as one JSON document",
		Long: "Print, as one JSON document, everything stored about the person with this email: their customer\n" +
			"record, moments, asks, the referrals they made and those made of them (with their history), rewards,\n" +
			"the emails to them or about their records, and the webhook bodies that name them.\n" +
			"Exits non-zero when nothing is stored about the email.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(c *cobra.Command, args []string) error {
			if err := migrate(app); err != nil {
				return err
			}
			x, err := privacy.ExportOf(app, args[0])
			if err != nil {
				return err
			}
			raw, err := x.JSON()
			if err != nil {
				return err
			}
			_, err = c.OutOrStdout().Write(append(raw, '\n'))
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "erase EMAIL",
		Short: "Erase a person: blank their name, email and words everywhere, keeping the figures",
		Long: "Erase the person with this email, in one transaction: every record that holds them keeps its place\n" +
			"in the figures but loses the personal fields (name, email, company, phone, messages, comments), their\n" +
			"links stop working, and the emails and webhooks about them lose their bodies; any not yet sent are\n" +
			"cancelled. It cannot be undone: export first if they asked for a copy.\n" +
			"Exits non-zero when nothing is stored about the email.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(c *cobra.Command, args []string) error {
			if err := migrate(app); err != nil {
				return err
			}
			done, err := privacy.Erase(app, args[0])
			if err != nil {
				return fmt.Errorf("nothing was erased: %w", err)
			}
			fmt.Fprintf(c.OutOrStdout(), "Erased %s from %s.\n", args[0], done)
			return nil
		},
	})
	return cmd
}
