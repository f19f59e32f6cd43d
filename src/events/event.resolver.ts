import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, type SubscribeResolverData, Root, Subscription } from 'type-graphql';
import { Country } from '../countries/country.entity';
import { CountryService } from '../countries/country.service';
import type { Context } from '../facts/context';
import { writeMutations } from '../facts/write-mutations';
import { Official } from '../officials/official.entity';
import type { LiveValue } from '../pubsub/live-feed';
import { ForwardPageArgs, PageArgs } from '../relay/connection';
import { Source } from '../sources/source.entity';
import { Event, EventConnection, EventFigure } from './event.entity';
import { EventFeed } from './event.feed';
import { CreateEventInput, EventFilter, EventOrder, UpdateEventInput } from './event.inputs';
import { EventService } from './event.service';
import { Location } from './location';

type EventSubscription = SubscribeResolverData<unknown, { filter?: EventFilter | null; after?: string | null }, Context>;

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: 'Events in date order (or as orderBy says), filtered.' })
  events(
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true }) orderBy: EventOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.get(EventService).list(filter, orderBy, page);
  }

  @Subscription(() => Event, {
    description:
      'Every event added from now on that matches the filter (all events when the filter is left out). With `after` (an Event.addedCursor), first every matching event added after it, in order, then the live ones: none lost, none doubled.',
    subscribe: ({ args, context }: EventSubscription) => context.services.get(EventFeed).added(args.filter, args.after),
  })
  eventAdded(
    @Root() event: LiveValue<Event>,
    @Arg('filter', () => EventFilter, { nullable: true }) _filter: EventFilter | null,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this Event.addedCursor.' }) _after: string | null,
  ): LiveValue<Event> {
    return event;
  }

  @Subscription(() => Event, {
    description: 'Events changed, or restored after a deletion, that match the filter after the change.',
    subscribe: ({ args, context }: EventSubscription) => context.services.get(EventFeed).updated(args.filter),
  })
  eventUpdated(@Root() event: LiveValue<Event>, @Arg('filter', () => EventFilter, { nullable: true }) _filter: EventFilter | null): LiveValue<Event> {
    return event;
  }

  @Subscription(() => ID, {
    description: 'The IDs of deleted events.',
    subscribe: ({ context }: EventSubscription) => context.services.get(EventFeed).deleted(),
  })
  eventDeleted(@Root() id: LiveValue<string>): LiveValue<string> {
    return id;
  }

  @FieldResolver(() => String, { description: 'Where this event stands in the order events were added: pass it to eventAdded(after:) to resume from here, or to events(orderBy: {field: CREATED_AT}, after:).' })
  addedCursor(@Root() event: Event, @Ctx() { services }: Context): string {
    return services.get(EventService).addedCursor(event);
  }

  @FieldResolver(() => Location, { nullable: true })
  location(@Root() event: Event): Location | null {
    if (event.locationName === null) return null;
    return { name: event.locationName, countryId: event.locationCountryId, latitude: event.locationLatitude, longitude: event.locationLongitude };
  }

  @FieldResolver(() => [Country])
  countries(@Root() event: Event, @Ctx() { services }: Context) {
    return services.get(EventService).countries(event);
  }

  @FieldResolver(() => [Official])
  officials(@Root() event: Event, @Ctx() { services }: Context) {
    return services.get(EventService).officials(event);
  }

  @FieldResolver(() => [Source])
  sources(@Root() event: Event, @Ctx() { services }: Context) {
    return services.get(EventService).sources(event);
  }

  @FieldResolver(() => [EventFigure], { description: 'The numbers the sources give for this event (troops, weapons, shells, pay, ...).' })
  figures(@Root() event: Event, @Ctx() { services }: Context) {
    return services.get(EventService).figures(event);
  }
}

@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => Country, { nullable: true })
  country(@Root() location: Location, @Ctx() { services }: Context) {
    return services.get(CountryService).byId(location.countryId);
  }
}

/** Country.events: the events a country is involved in, with the kind it lists. */
@Resolver(() => Country)
export class CountryEventsResolver {
  @FieldResolver(() => EventConnection)
  events(
    @Root() country: Country,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.get(EventService).ofCountry(country.id, filter, page);
  }
}

/** Official.events: the events an official is involved in. */
@Resolver(() => Official)
export class OfficialEventsResolver {
  @FieldResolver(() => EventConnection)
  events(
    @Root() official: Official,
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Args(() => ForwardPageArgs) page: ForwardPageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.get(EventService).ofOfficial(official.id, filter, page);
  }
}

export const EventWriteMutations = writeMutations(Event, CreateEventInput, UpdateEventInput, EventService);
