// Command kafkaroundtrip produces messages to librdkafka's in-process mock
// cluster over loopback TCP and consumes them back, with confluent-kafka-go:
//
//	kafkaroundtrip -codec zstd -n 100000
//
// It prints the messages sent and received. The mock cluster is made
// through cgo (confluent-kafka-go 0.11.6 has no API for it).
package main

/*
#cgo pkg-config: rdkafka
#include <stdlib.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static rd_kafka_t *mrk;
static rd_kafka_mock_cluster_t *mc;

static const char *mock_cluster(int brokers)
{
	char err[256];
	rd_kafka_conf_t *c = rd_kafka_conf_new();

	rd_kafka_conf_set(c, "log_level", "3", err, sizeof(err));
	mrk = rd_kafka_new(RD_KAFKA_PRODUCER, c, err, sizeof(err));
	if (!mrk || !(mc = rd_kafka_mock_cluster_new(mrk, brokers)))
		return NULL;
	if (rd_kafka_mock_topic_create(mc, "bench", 4, 1))
		return NULL;
	return rd_kafka_mock_cluster_bootstraps(mc);
}

static void mock_destroy(void)
{
	rd_kafka_mock_cluster_destroy(mc);
	rd_kafka_destroy(mrk);
}
*/
import "C"

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/confluentinc/confluent-kafka-go/kafka"
)

func main() {
	codec := flag.String("codec", "zstd", "compression.codec")
	n := flag.Int("n", 100000, "messages")
	size := flag.Int("size", 200, "bytes per message")
	flag.Parse()

	bs := C.mock_cluster(1)
	if bs == nil {
		fmt.Fprintln(os.Stderr, "kafkaroundtrip: no mock cluster")
		os.Exit(2)
	}
	servers := C.GoString(bs)
	p, err := kafka.NewProducer(&kafka.ConfigMap{"bootstrap.servers": servers, "compression.codec": *codec,
		"linger.ms": 5, "queue.buffering.max.messages": 200000})
	if err != nil {
		fmt.Fprintln(os.Stderr, "kafkaroundtrip:", err)
		os.Exit(2)
	}
	topic := "bench"
	value := make([]byte, *size)
	for i := range value {
		value[i] = byte('a' + i%26)
	}
	done := make(chan int)
	go func() {
		failed := 0
		for e := range p.Events() {
			if m, ok := e.(*kafka.Message); ok && m.TopicPartition.Error != nil {
				failed++
			}
		}
		done <- failed
	}()
	for i := 0; i < *n; i++ {
		for {
			err := p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny},
				Key: []byte(strconv.Itoa(i)), Value: value}, nil)
			if err == nil {
				break
			}
			p.Flush(10)
		}
	}
	for p.Flush(1000) > 0 {
	}
	p.Close()
	if failed := <-done; failed > 0 {
		fmt.Fprintf(os.Stderr, "kafkaroundtrip: %d messages not delivered\n", failed)
		os.Exit(1)
	}

	c, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": servers, "group.id": "bench",
		"auto.offset.reset": "earliest", "enable.auto.commit": false})
	if err != nil {
		fmt.Fprintln(os.Stderr, "kafkaroundtrip:", err)
		os.Exit(2)
	}
	// the partitions directly: no group to join, only the round trip is timed
	parts := []kafka.TopicPartition{}
	for i := int32(0); i < 4; i++ {
		parts = append(parts, kafka.TopicPartition{Topic: &topic, Partition: i, Offset: kafka.OffsetBeginning})
	}
	if err := c.Assign(parts); err != nil {
		fmt.Fprintln(os.Stderr, "kafkaroundtrip:", err)
		os.Exit(2)
	}
	got, bytes := 0, 0
	for got < *n {
		switch e := c.Poll(1000).(type) {
		case *kafka.Message:
			got++
			bytes += len(e.Value)
		case kafka.Error:
			fmt.Fprintln(os.Stderr, "kafkaroundtrip:", e)
		}
	}
	c.Close()
	C.mock_destroy()
	fmt.Printf("sent %d, received %d messages (%d bytes, %s)\n", *n, got, bytes, *codec)
}
