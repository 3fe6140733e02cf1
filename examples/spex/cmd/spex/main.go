// Command spex sends the lines it reads on standard input to a Kafka topic,
// one message per line, over TLS with SASL SCRAM and zstd compression when
// asked to. It is the example service of gostatic: it links librdkafka
// (through confluent-kafka-go and cgo), and `gostatic build ./cmd/spex`
// makes it one static executable.
//
//	spex -brokers kafka:9093 -topic events -tls -sasl SCRAM-SHA-512 \
//	     -user svc -password-file /run/secrets/kafka -compression zstd <events.txt
//
// spex -selftest needs no broker: it reports the librdkafka version and
// creates a producer for each of TLS, zstd and SASL SCRAM, which fails when
// the library lacks them.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/ioutil"
	"os"
	"strings"
	"time"

	"github.com/confluentinc/confluent-kafka-go/kafka"
)

func config(brokers string, tls bool, ca, mechanism, user, password, compression string) *kafka.ConfigMap {
	c := &kafka.ConfigMap{"bootstrap.servers": brokers}
	protocol := "plaintext"
	if tls {
		protocol = "ssl"
		if ca != "" {
			c.SetKey("ssl.ca.location", ca)
		}
	}
	if mechanism != "" {
		if tls {
			protocol = "sasl_ssl"
		} else {
			protocol = "sasl_plaintext"
		}
		c.SetKey("sasl.mechanisms", mechanism)
		c.SetKey("sasl.username", user)
		c.SetKey("sasl.password", password)
	}
	c.SetKey("security.protocol", protocol)
	if compression != "" {
		c.SetKey("compression.codec", compression)
	}
	return c
}

func selftest() int {
	_, version := kafka.LibraryVersion()
	fmt.Printf("spex: librdkafka %s\n", version)
	checks := []struct {
		name string
		conf *kafka.ConfigMap
	}{
		{"security.protocol=ssl", config("127.0.0.1:9093", true, "", "", "", "", "")},
		{"compression.codec=zstd", config("127.0.0.1:9092", false, "", "", "", "", "zstd")},
		{"sasl.mechanisms=SCRAM-SHA-512 over ssl", config("127.0.0.1:9093", true, "", "SCRAM-SHA-512", "spex", "secret", "")},
		{"sasl.mechanisms=SCRAM-SHA-256 with gzip", config("127.0.0.1:9092", false, "", "SCRAM-SHA-256", "spex", "secret", "gzip")},
	}
	failed := 0
	for _, c := range checks {
		c.conf.SetKey("log_level", 0) // no broker: keep its connection errors quiet
		p, err := kafka.NewProducer(c.conf)
		if err != nil {
			fmt.Printf("spex: producer %s: FAILED: %v\n", c.name, err)
			failed++
			continue
		}
		p.Close()
		fmt.Printf("spex: producer %s: ok\n", c.name)
	}
	if failed > 0 {
		fmt.Printf("spex: selftest failed (%d of %d)\n", failed, len(checks))
		return 1
	}
	fmt.Println("spex: selftest passed")
	return 0
}

func main() {
	brokers := flag.String("brokers", "localhost:9092", "Kafka bootstrap servers (host:port,...)")
	topic := flag.String("topic", "", "the topic to send to")
	tls := flag.Bool("tls", false, "connect with TLS")
	ca := flag.String("ca", "", "CA certificates for TLS (PEM file; default: the system's)")
	mechanism := flag.String("sasl", "", "SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
	user := flag.String("user", "", "SASL user name")
	passwordFile := flag.String("password-file", "", "file holding the SASL password")
	compression := flag.String("compression", "zstd", "none, gzip, snappy, lz4 or zstd")
	test := flag.Bool("selftest", false, "check TLS, zstd and SASL SCRAM support without a broker, then exit")
	flag.Parse()

	if *test {
		os.Exit(selftest())
	}
	if *topic == "" {
		fmt.Fprintln(os.Stderr, "spex: -topic is required (or -selftest)")
		os.Exit(2)
	}
	password := ""
	if *passwordFile != "" {
		b, err := ioutil.ReadFile(*passwordFile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "spex: %v\n", err)
			os.Exit(2)
		}
		password = strings.TrimSpace(string(b))
	}
	p, err := kafka.NewProducer(config(*brokers, *tls, *ca, *mechanism, *user, password, *compression))
	if err != nil {
		fmt.Fprintf(os.Stderr, "spex: %v\n", err)
		os.Exit(1)
	}
	failed := make(chan int)
	go func() {
		n := 0
		for e := range p.Events() {
			if m, ok := e.(*kafka.Message); ok && m.TopicPartition.Error != nil {
				fmt.Fprintf(os.Stderr, "spex: delivery failed: %v\n", m.TopicPartition.Error)
				n++
			}
		}
		failed <- n
	}()
	sent := 0
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		line := append([]byte(nil), in.Bytes()...)
		for {
			err := p.Produce(&kafka.Message{
				TopicPartition: kafka.TopicPartition{Topic: topic, Partition: kafka.PartitionAny},
				Value:          line,
			}, nil)
			if err == nil {
				break
			}
			if kerr, ok := err.(kafka.Error); ok && kerr.Code() == kafka.ErrQueueFull {
				p.Flush(100)
				continue
			}
			fmt.Fprintf(os.Stderr, "spex: %v\n", err)
			p.Close()
			os.Exit(1)
		}
		sent++
	}
	if err := in.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "spex: reading standard input: %v\n", err)
		os.Exit(1)
	}
	for p.Flush(int(10*time.Second/time.Millisecond)) > 0 {
		fmt.Fprintln(os.Stderr, "spex: still waiting for the broker to take the messages")
	}
	p.Close()
	if n := <-failed; n > 0 {
		fmt.Fprintf(os.Stderr, "spex: %d of %d messages were not delivered\n", n, sent)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "spex: sent %d messages to %s\n", sent, *topic)
}
