#pragma once
/// \file
/// Umbrella header of the RosDomofon module: the REST client (accounts, flats, services,
/// connections, messages), phone numbers, and the Kafka consumer and producer.

#include <odoobridge/rosdomofon/client.hpp>
#include <odoobridge/rosdomofon/consumer.hpp>
#include <odoobridge/rosdomofon/errors.hpp>
#include <odoobridge/rosdomofon/kafka_messages.hpp>
#include <odoobridge/rosdomofon/kafka_options.hpp>
#include <odoobridge/rosdomofon/message_pager.hpp>
#include <odoobridge/rosdomofon/mock_cluster.hpp>
#include <odoobridge/rosdomofon/phone.hpp>
#include <odoobridge/rosdomofon/producer.hpp>
#include <odoobridge/rosdomofon/types.hpp>
