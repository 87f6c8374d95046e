// Command registrar-mock runs the fake platforms on a loopback port, for `make demo`,
// the examples, benchmarks, and module authors' own `terraform test` runs.
//
//	registrar-mock -addr 127.0.0.1:18080 [-latency 20ms] [-max-rps 20] [-print-env]
//
// Every platform is served at the root (the tenant "default") and, isolated, under
// /t/<tenant>/. Faults can be changed at run time (PUT /_mock/tenants/<t>/faults),
// and objects deleted or edited behind Terraform's back to rehearse drift
// (DELETE or PATCH /_mock/<platform>/<kind>/<id>); -help lists the control API.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

const controlHelp = `
Control API (JSON; add /t/<tenant> to the provider's URLs for an isolated tenant):
  PUT    /_mock/tenants/<t>/faults      replace the tenant's faults, e.g. {"next_503": 2}
  GET    /_mock/tenants/<t>/requests    every request the tenant received
  GET    /_mock/tenants/<t>/counts      objects per platform
  DELETE /_mock/<platform>/<kind>/<id>  delete an object behind Terraform's back
  PATCH  /_mock/<platform>/<kind>/<id>  change fields of an object behind Terraform's back:
                                        the body is a JSON object of the fields to change
  (DELETE and PATCH act on the default tenant; /_mock/tenants/<t>/<platform>/<kind>/<id>
  on tenant <t>.) <platform>/<kind> is one of:
    %s

Rehearse drift, for example:
  curl -X DELETE http://127.0.0.1:18080/_mock/awx/applications/1
  curl -X PATCH -d '{"name": "renamed"}' http://127.0.0.1:18080/_mock/ltiaas/platforms/<id>
then run terraform plan.
`

func main() {
	addr := flag.String("addr", "127.0.0.1:18080", "listen address (loopback)")
	latency := flag.Duration("latency", 0, "latency added to every request")
	rate429 := flag.Float64("rate-429", 0, "probability of answering 429 (0..1)")
	rate503 := flag.Float64("rate-503", 0, "probability of answering 503 (0..1)")
	retryAfter := flag.Int("retry-after", 0, "Retry-After seconds sent with injected 429/503")
	maxRPS := flag.Float64("max-rps", 0, "answer 429 beyond this many requests per second (0: no limit)")
	printEnv := flag.Bool("print-env", false, "print the provider's environment variables for the default tenant (shell export lines), then serve")
	urlFile := flag.String("url-file", "", "write the server's URL to this file once it listens (with -addr 127.0.0.1:0); with -print-env, after the variables are printed")
	flag.Usage = func() {
		_, _ = fmt.Fprintf(flag.CommandLine.Output(), "Usage: registrar-mock [flags]\n\nFlags:\n")
		flag.PrintDefaults()
		_, _ = fmt.Fprintf(flag.CommandLine.Output(), controlHelp, strings.Join(mockapi.ControlKinds(), ", "))
	}
	flag.Parse()

	s := mockapi.New()
	url, err := s.Start(*addr)
	if err != nil {
		log.Fatalf("registrar-mock: %v", err)
	}
	s.Tenant("default").SetFaults(mockapi.Faults{Latency: *latency, Rate429: *rate429, Rate503: *rate503, RetryAfter: *retryAfter, MaxRPS: *maxRPS})
	if *printEnv {
		// The default tenant is served at the root, so its URL is the server's.
		if err := mockapi.WriteEnv(os.Stdout, mockapi.ProviderEnv(url, s.DefaultCredentials)); err != nil {
			log.Fatalf("registrar-mock: %v", err)
		}
	}
	// Written last: a script that waits for this file can then read the variables.
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o600); err != nil {
			log.Fatalf("registrar-mock: %v", err)
		}
	}
	fmt.Fprintf(os.Stderr, "registrar-mock serving on %s (started %s)\n", url, time.Now().Format(time.RFC3339))

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	s.Close()
}
