import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../context';
import { CasualtyReport } from '../casualties/casualty-report.entity';
import { Country } from '../countries/country.entity';
import { Official } from '../officials/official.entity';
import { Source } from '../sources/source.entity';
import { Statement } from '../statements/statement.entity';
import { Event, EventConnection } from './event.entity';
import { EventFigure } from './event-figure.entity';
import { CreateEventInput, EventFilter, EventOrder, UpdateEventInput } from './event.inputs';
import { Location } from './location';

@Resolver(() => Event)
export class EventResolver {
  @Authorized('editor')
  @Mutation(() => Event)
  createEvent(@Arg('input', () => CreateEventInput) input: CreateEventInput, @Ctx() { services }: Context) {
    return services.events.create(input);
  }

  @Authorized('editor')
  @Mutation(() => Event)
  updateEvent(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateEventInput) input: UpdateEventInput, @Ctx() { services }: Context) {
    return services.events.update(id, input);
  }

  @Authorized('editor')
  @Mutation(() => ID, { description: 'Deletes (tombstones) the Event; refused with CONFLICT while live facts refer to it. Returns its ID.' })
  deleteEvent(@Arg('id', () => ID) id: string, @Ctx() { services }: Context) {
    return services.events.remove(id);
  }

  @Query(() => EventConnection, { description: 'Events in date order (or as orderBy says), filtered.' })
  events(
    @Arg('filter', () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true }) orderBy: EventOrder | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { services }: Context,
  ) {
    return services.events.list(filter, orderBy, page);
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
