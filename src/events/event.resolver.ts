import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, type SubscribeResolverData, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { writeMutations } from '../revisions/write-mutations';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Country } from '../countries/country.entity';
import { Official } from '../officials/official.entity';
import { Source } from '../sources/source.entity';
import { Statement } from '../statements/statement.entity';
import { Event, EventConnection } from './event.entity';
import { EventFigure } from './event-figure.entity';
import { CreateEventInput, EventFilter, EventOrder, UpdateEventInput } from './event.inputs';
import { Location } from './location';
import type { LiveValue } from '../pubsub/live-feed';

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: 'Events in date order (or as orderBy says), filtered.' })
  events(
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true }) orderBy: EventOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.events.list(filter, orderBy, page);
  }

  @Subscription(() => Event, {
    description:
      'Every event added from now on that matches the filter (all events when the filter is left out). With `after` (an Event.addedCursor), first every matching event added after it, in order, then the live ones: none lost, none doubled.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { filter?: EventFilter | null; after?: string | null }, Context>) => context.feed.eventAdded(args.filter, args.after),
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
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { filter?: EventFilter | null; after?: string | null }, Context>) => context.feed.eventUpdated(args.filter),
  })
  eventUpdated(@Root() event: LiveValue<Event>, @Arg('filter', () => EventFilter, { nullable: true }) _filter: EventFilter | null): LiveValue<Event> {
    return event;
  }

  @Subscription(() => ID, {
    description: 'The IDs of deleted events.',
    subscribe: ({ context }: SubscribeResolverData<unknown, { filter?: EventFilter | null; after?: string | null }, Context>) => context.feed.eventDeleted(),
  })
  eventDeleted(@Root() id: LiveValue<string>): LiveValue<string> {
    return id;
  }

  @FieldResolver(() => String, { description: 'Where this event stands in the order events were added: pass it to eventAdded(after:) to resume from here, or to events(orderBy: {field: CREATED_AT}, after:).' })
  addedCursor(@Root() event: Event, @Ctx() { services }: Context): string {
    return services.events.addedCursor(event);
  }

  @FieldResolver(() => Location, { nullable: true })
  location(@Root() event: Event): Location | null {
    if (event.locationName === null) return null;
    return { name: event.locationName, countryId: event.locationCountryId, latitude: event.locationLatitude, longitude: event.locationLongitude };
  }

  @FieldResolver(() => [Country])
  countries(@Root() event: Event, @Ctx() { services }: Context) {
    return services.events.countries(event);
  }

  @FieldResolver(() => [Official])
  officials(@Root() event: Event, @Ctx() { services }: Context) {
    return services.events.officials(event);
  }

  @FieldResolver(() => [Statement])
  statements(@Root() event: Event, @Ctx() { services }: Context) {
    return services.events.statements(event);
  }

  @FieldResolver(() => [CasualtyReport])
  casualties(@Root() event: Event, @Ctx() { services }: Context) {
    return services.events.casualties(event);
  }

  @FieldResolver(() => [Source])
  sources(@Root() event: Event, @Ctx() { services }: Context) {
    return services.events.sources(event);
  }

  @FieldResolver(() => [EventFigure], { description: 'The numbers the sources give for this event (troops, weapons, shells, pay, ...).' })
  figures(@Root() event: Event, @Ctx() { services }: Context) {
    return services.events.figures(event);
  }
}

@Resolver(() => Location)
export class LocationResolver {
  @FieldResolver(() => Country, { nullable: true })
  country(@Root() location: Location, @Ctx() { services }: Context) {
    return services.countries.byId(location.countryId);
  }
}

export const EventWriteMutations = writeMutations('Event', Event, CreateEventInput, UpdateEventInput, (services) => services.events);
