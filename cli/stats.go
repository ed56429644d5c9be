package cli

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"warmloop/internal/metrics"
	"warmloop/internal/program"
	"warmloop/internal/text"
)

// NewStatsCommand is `warmloop stats`: what the program yields, and the
// viral loop, printed for a terminal or a script.
func NewStatsCommand(app core.App) *cobra.Command {
	var days int
	cmd := &cobra.Command{
		Use:          "stats",
		Short:        "Print what the program yields over the last N days, and the viral loop",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(c *cobra.Command, _ []string) error {
			if days < 1 {
				return fmt.Errorf("--days must be at least 1, not %d", days)
			}
			if err := migrate(app); err != nil {
				return err
			}
			to := time.Now().UTC()
			o, err := metrics.Compute(app, to.AddDate(0, 0, -days), to)
			if err != nil {
				return err
			}
			l, err := metrics.ComputeLoop(app)
			if err != nil {
				return err
			}
			settings, err := program.Load(app)
			if err != nil {
				return err
			}
			w := c.OutOrStdout()
			fmt.Fprintf(w, "last %s\n", text.Count(days, "day", "days"))
			fmt.Fprintf(w, "  customers asked      %d\n", o.CustomersAsked)
			fmt.Fprintf(w, "  yield rate           %.1f%% (%d referred; %.2f referrals per ask)\n", 100*o.YieldRate(), o.Referrers, o.ReferralsPerAsk())
			fmt.Fprintf(w, "  pipeline generated   %s\n", settings.Money(o.PipelineGenerated))
			fmt.Fprintf(w, "  pipeline won         %s\n", settings.Money(o.PipelineWon))
			fmt.Fprintf(w, "viral loop (all customers)\n")
			fmt.Fprintf(w, "  came by referral     %d, of whom %d referred (%.1f%%)\n", l.Referred, l.ReferredWhoReferred, 100*l.ReferredRate())
			fmt.Fprintf(w, "  everyone else        %d, of whom %d referred (%.1f%%)\n", l.Others, l.OthersWhoReferred, 100*l.OthersRate())
			return nil
		},
	}
	cmd.Flags().IntVar(&days, "days", 365, "the date range, in days back from today")
	return cmd
}
