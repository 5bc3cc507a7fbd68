package io.testlanes.internal.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedMemorySegmentTest {

  @Test
  void idsAreTheSecondColumnOfTheKernelsTable() {
    List<String> table =
        List.of(
            "       key      shmid perms                  size  cpid  lpid nattch   uid   gid",
            "     25108      32782   600                    56  4011  4012      0   101   104",
            "     29851      32792   600                    56  8848  9119      5   101   104",
            "");

    assertThat(SharedMemorySegment.ids(table)).containsExactly(32782, 32792);
  }

  @Test
  void aSegmentThatIsGoneIsRemovedWithoutComplaint() throws Exception {
    SharedMemorySegment unused = new SharedMemorySegment(Integer.MAX_VALUE);

    assertThat(unused.exists()).isFalse();
    unused.remove();
  }

  @Test
  void aNegativeIdIsABadArgument() {
    assertThatThrownBy(() -> new SharedMemorySegment(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected a shared memory id >= 0, got -1");
  }
}
