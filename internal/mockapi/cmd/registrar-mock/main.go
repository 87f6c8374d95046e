// Command registrar-mock runs the fake platforms on a loopback port, for `make demo`,
// the examples, benchmarks, and module authors' own `terraform test` runs.
//
//	registrar-mock -addr 127.0.0.1:18080 [-latency 20ms] [-max-rps 20] [-print-env]
//
// Every platform is served at the root (the tenant "default") and, isolated, under
// /t/<tenant>/. Faults can be changed at run time: PUT /_mock/tenants/<t>/faults.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/registrar-dev/terraform-provider-registrar/internal/mockapi"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18080", "listen address (loopback)")
	latency := flag.Duration("latency", 0, "latency added to every request")
	rate429 := flag.Float64("rate-429", 0, "probability of answering 429 (0..1)")
	rate503 := flag.Float64("rate-503", 0, "probability of answering 503 (0..1)")
	retryAfter := flag.Int("retry-after", 0, "Retry-After seconds sent with injected 429/503")
	maxRPS := flag.Float64("max-rps", 0, "answer 429 beyond this many requests per second (0: no limit)")
	printEnv := flag.Bool("print-env", false, "print the provider's environment variables for the default tenant, then serve")
	urlFile := flag.String("url-file", "", "write the server's URL to this file once it listens (with -addr 127.0.0.1:0)")
	flag.Parse()

	s := mockapi.New()
	url, err := s.Start(*addr)
	if err != nil {
		log.Fatalf("registrar-mock: %v", err)
	}
	s.Tenant("default").SetFaults(mockapi.Faults{Latency: *latency, Rate429: *rate429, Rate503: *rate503, RetryAfter: *retryAfter, MaxRPS: *maxRPS})
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(url+"\n"), 0o600); err != nil {
			log.Fatalf("registrar-mock: %v", err)
		}
	}
	if *printEnv {
		c := s.DefaultCredentials
		fmt.Printf("export CONTROLLER_HOST=%s CONTROLLER_OAUTH_TOKEN=%s\n", url, c.AWXToken)
		fmt.Printf("export LTIAAS_BASE_URL=%s LTIAAS_API_KEY=%s\n", url, c.LTIaaSAPIKey)
		fmt.Printf("export VENAFI_URL=%s VENAFI_USER=%s VENAFI_PASS=%s VENAFI_CLIENT_ID=%s\n", url, c.TPPUsername, c.TPPPassword, c.TPPClientID)
		fmt.Printf("export TIMEBACK_BASE_URL=%s TIMEBACK_TOKEN=%s\n", url, c.TimebackToken)
		fmt.Printf("export CRONOFY_BASE_URL=%s CRONOFY_ADMIN_API_KEY=%s\n", url, c.CronofyAdminAPIKey)
	}
	fmt.Fprintf(os.Stderr, "registrar-mock serving on %s (started %s)\n", url, time.Now().Format(time.RFC3339))

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	s.Close()
}
